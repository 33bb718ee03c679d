"""Build a module without allocating its weights (torch 1.13 has no `with torch.device("meta")`), to inspect
the full-size teacher's structure and size on a machine that could not hold it."""
from __future__ import annotations

import torch
from torch.overrides import TorchFunctionMode

_FACTORIES = {torch.empty, torch.zeros, torch.ones, torch.full, torch.rand, torch.randn, torch.tensor, torch.arange}


class OnMetaDevice(TorchFunctionMode):
    """Inside this mode, tensor factories called without a device create meta tensors (shape only)."""

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = dict(kwargs or {})
        if func in _FACTORIES and kwargs.get("device") is None:
            kwargs["device"] = "meta"
        return func(*args, **kwargs)
