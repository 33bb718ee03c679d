"""A minimal reader for TensorFlow.js graph models (`model.json` + binary weight shards), no TensorFlow needed.

Only what converting a convolutional backbone needs: the graph's nodes in order and every weight tensor,
dequantised. The converter may store weights as uint8/uint16 with a per-tensor affine map (value = q·scale + min)
or as float32; shards are concatenated in the order the manifest lists them.
Format: tfjs-converter's `weightsManifest` (github.com/tensorflow/tfjs, `io/types.ts`).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

_DTYPES = {"float32": np.float32, "int32": np.int32}
_QUANTISED = {"uint8": np.uint8, "uint16": np.uint16}


@dataclass
class GraphModel:
    nodes: list[dict]  # modelTopology.node, in graph order: name, op, input names, attr
    weights: dict[str, np.ndarray]  # dequantised float32 (or int32) arrays by tensor name

    def convolutions(self) -> list[tuple[dict, np.ndarray, np.ndarray]]:
        """(node, kernel, bias) of every fused convolution in graph order; kernels as TF keeps them: HWIO for a
        convolution, HWC1 (channel multiplier 1) for a depthwise one."""
        out = []
        for node in self.nodes:
            if node["op"] in ("_FusedConv2D", "FusedDepthwiseConv2dNative"):
                kernel, bias = (self.weights[name] for name in node["input"][1:3])
                out.append((node, kernel, bias))
        return out


def read_graph_model(folder: str | Path) -> GraphModel:
    folder = Path(folder)
    spec = json.loads((folder / "model.json").read_text())
    if spec.get("format", "graph-model") != "graph-model" or "modelTopology" not in spec:
        raise ValueError(f"{folder / 'model.json'}: not a TF.js graph model")
    weights: dict[str, np.ndarray] = {}
    for group in spec["weightsManifest"]:
        data = b"".join((folder / path).read_bytes() for path in group["paths"])
        pos = 0
        for entry in group["weights"]:
            count = int(np.prod(entry["shape"], dtype=np.int64))
            quant = entry.get("quantization")
            dtype = _QUANTISED.get(quant["dtype"]) if quant else _DTYPES.get(entry["dtype"])
            if dtype is None:
                raise ValueError(f"{entry['name']}: unsupported dtype {quant or entry['dtype']}")
            nbytes = count * np.dtype(dtype).itemsize
            if pos + nbytes > len(data):
                raise ValueError(f"{entry['name']}: weight shards end at byte {len(data)}, tensor needs {pos + nbytes}")
            raw = np.frombuffer(data, dtype=np.dtype(dtype).newbyteorder("<"), count=count, offset=pos)
            pos += nbytes
            value = raw.astype(np.float32) * quant["scale"] + quant["min"] if quant else raw.copy()
            weights[entry["name"]] = value.reshape(entry["shape"])
        if pos != len(data):
            raise ValueError(f"{folder}: {len(data) - pos} bytes of weight shards left unread")
    return GraphModel(spec["modelTopology"]["node"], weights)
