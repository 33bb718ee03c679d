"""A minimal reader for TensorFlow Lite FlatBuffer files: tensors, buffers, quantisation and operators.

Only what converting a convolutional backbone needs, read straight from the FlatBuffer layout
(schema: tensorflow/lite/schema/schema.fbs), so no TensorFlow is required.
"""
from __future__ import annotations

import struct
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

# TensorType enum values we can dequantise; others are refused with a clear error.
_NUMPY_TYPES = {0: np.float32, 1: np.float16, 2: np.int32, 3: np.uint8, 4: np.int64, 9: np.int8}

# BuiltinOperator enum values for the operators a CNN backbone uses.
BUILTIN_OPS = {0: "ADD", 1: "AVERAGE_POOL_2D", 3: "CONV_2D", 4: "DEPTHWISE_CONV_2D", 6: "DEQUANTIZE",
               9: "FULLY_CONNECTED", 22: "RESHAPE", 25: "SOFTMAX", 40: "MEAN", 114: "QUANTIZE"}


class _Table:
    """A FlatBuffer table: fields are found through its vtable, by slot index."""

    def __init__(self, buf: bytes, pos: int):
        self.buf, self.pos = buf, pos
        vtable = pos - struct.unpack_from("<i", buf, pos)[0]
        vt_size = struct.unpack_from("<H", buf, vtable)[0]
        self._slots = [struct.unpack_from("<H", buf, vtable + 4 + 2 * i)[0] for i in range((vt_size - 4) // 2)]

    def _field(self, slot: int) -> int | None:
        off = self._slots[slot] if slot < len(self._slots) else 0
        return self.pos + off if off else None

    def scalar(self, slot: int, fmt: str, default=0):
        at = self._field(slot)
        return default if at is None else struct.unpack_from("<" + fmt, self.buf, at)[0]

    def _deref(self, at: int) -> int:
        return at + struct.unpack_from("<I", self.buf, at)[0]

    def table(self, slot: int) -> "_Table | None":
        at = self._field(slot)
        return None if at is None else _Table(self.buf, self._deref(at))

    def string(self, slot: int) -> str:
        at = self._field(slot)
        if at is None:
            return ""
        start = self._deref(at)
        n = struct.unpack_from("<I", self.buf, start)[0]
        return self.buf[start + 4:start + 4 + n].decode("utf-8", "replace")

    def vector(self, slot: int, fmt: str) -> np.ndarray:
        at = self._field(slot)
        if at is None:
            return np.zeros(0, dtype=np.dtype("<" + fmt))
        start = self._deref(at)
        n = struct.unpack_from("<I", self.buf, start)[0]
        return np.frombuffer(self.buf, dtype=np.dtype("<" + fmt), count=n, offset=start + 4)

    def tables(self, slot: int) -> list["_Table"]:
        at = self._field(slot)
        if at is None:
            return []
        start = self._deref(at)
        n = struct.unpack_from("<I", self.buf, start)[0]
        return [_Table(self.buf, self._deref(start + 4 + 4 * i)) for i in range(n)]


@dataclass
class Tensor:
    name: str
    shape: tuple[int, ...]
    dtype: type
    data: np.ndarray | None  # raw stored values (None for activations)
    scale: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    zero_point: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int64))
    quantized_dimension: int = 0

    def dequantize(self) -> np.ndarray:
        """Float32 values: q * scale - zero_point * scale, per tensor or per channel."""
        if self.data is None:
            raise ValueError(f"tensor {self.name!r} holds no constant data")
        values = self.data.astype(np.float32).reshape(self.shape)
        if self.dtype in (np.float32, np.float16) or self.scale.size == 0:
            return values
        bshape = [1] * len(self.shape)
        if self.scale.size > 1:
            bshape[self.quantized_dimension] = self.scale.size
        scale = self.scale.astype(np.float32).reshape(bshape)
        zero = self.zero_point.astype(np.float32).reshape(bshape) if self.zero_point.size else 0.0
        return (values - zero) * scale


@dataclass
class Operator:
    op: str
    inputs: list[int]
    outputs: list[int]


@dataclass
class TFLiteModel:
    tensors: list[Tensor]
    operators: list[Operator]
    inputs: list[int]
    outputs: list[int]


def read_tflite(path: str | Path) -> TFLiteModel:
    """Parse the first subgraph of a .tflite file."""
    buf = Path(path).read_bytes()
    if buf[4:8] != b"TFL3":
        raise ValueError(f"{path}: not a TFLite FlatBuffer (file identifier {buf[4:8]!r}, expected b'TFL3')")
    model = _Table(buf, struct.unpack_from("<I", buf, 0)[0])
    buffers = model.tables(4)
    codes = []
    for oc in model.tables(1):
        code = max(oc.scalar(0, "b"), oc.scalar(3, "i"))
        codes.append(BUILTIN_OPS.get(code, f"OP_{code}"))
    subgraph = model.tables(2)[0]

    tensors = []
    for t in subgraph.tables(0):
        type_id = t.scalar(1, "b")
        if type_id not in _NUMPY_TYPES:
            raise ValueError(f"tensor {t.string(3)!r}: unsupported TensorType {type_id}")
        dtype = _NUMPY_TYPES[type_id]
        shape = tuple(int(s) for s in t.vector(0, "i"))
        raw = buffers[t.scalar(2, "I")].vector(0, "B") if buffers else np.zeros(0, np.uint8)
        data = raw.view(np.dtype(dtype).newbyteorder("<")) if raw.size else None
        tensor = Tensor(t.string(3), shape, dtype, data)
        q = t.table(4)
        if q is not None:
            tensor.scale = q.vector(2, "f")
            tensor.zero_point = q.vector(3, "q")
            tensor.quantized_dimension = q.scalar(6, "i")
        tensors.append(tensor)

    operators = [Operator(codes[o.scalar(0, "I")], [int(i) for i in o.vector(1, "i")], [int(i) for i in o.vector(2, "i")])
                 for o in subgraph.tables(3)]
    return TFLiteModel(tensors, operators, [int(i) for i in subgraph.vector(1, "i")],
                       [int(i) for i in subgraph.vector(2, "i")])
