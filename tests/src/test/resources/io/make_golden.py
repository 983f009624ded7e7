#!/usr/bin/python3
"""Writes the golden files of IoTest with PyTorch and NumPy (Debian's python3-torch and python3-numpy).

torch_state.safetensors: a PyTorch state_dict in the safetensors format, written here with struct
and json (Debian has no safetensors package) exactly as safetensors.torch.save_file lays it out:
8-byte little-endian header length, JSON header padded with spaces to 8 bytes, then the data.
The .npy files come from numpy.save. Run from this folder: /usr/bin/python3 make_golden.py
"""
import json
import struct

import numpy as np
import torch

DTYPES = {torch.float32: "F32", torch.float64: "F64", torch.int64: "I64", torch.bool: "BOOL",
          torch.float16: "F16", torch.int32: "I32", torch.uint8: "U8"}


def save_safetensors(tensors, path, metadata=None):
    header = {}
    if metadata:
        header["__metadata__"] = metadata
    data = b""
    for name, t in tensors.items():
        raw = t.contiguous().numpy().tobytes()  # little-endian on x86
        header[name] = {"dtype": DTYPES[t.dtype], "shape": list(t.shape),
                        "data_offsets": [len(data), len(data) + len(raw)]}
        data += raw
    text = json.dumps(header, separators=(",", ":")).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + data)


torch.manual_seed(0)
model = torch.nn.Sequential(torch.nn.Linear(3, 4), torch.nn.ReLU(), torch.nn.Linear(4, 2))
# model.0.weight, model.0.bias, model.2.weight, model.2.bias: the ReLU at index 1 has no parameters
state = {"model." + k: v.detach() for k, v in model.state_dict().items()}
state["scale"] = torch.tensor(2.5, dtype=torch.float64)
state["steps"] = torch.tensor([1, 2, 3], dtype=torch.int64)
state["mask"] = torch.tensor([True, False, True])
state["half"] = torch.tensor([0.5, -1.25], dtype=torch.float16)
state["i32"] = torch.tensor([[-7, 8]], dtype=torch.int32)
state["u8"] = torch.tensor([0, 255], dtype=torch.uint8)
save_safetensors(state, "torch_state.safetensors", {"format": "pt", "source": "make_golden.py"})
# The expected values, as text a Java test reads without NumPy.
with open("torch_state.expected", "w") as f:
    for name, t in state.items():
        values = t.double().flatten().tolist()
        f.write(f"{name} {list(t.shape)} {' '.join(repr(float(v)) for v in values)}\n")

a = np.arange(12, dtype=np.float64).reshape(3, 4) / 4
np.save("f8.npy", a)
np.save("f4.npy", a.astype(np.float32))
np.save("i8.npy", np.array([[-1, 2, 3], [4, 5, -6]], dtype=np.int64))
np.save("i4.npy", np.array([-2147483648, 0, 2147483647], dtype=np.int32))
np.save("u1.npy", np.array([0, 7, 255], dtype=np.uint8))
np.save("bool.npy", np.array([[True, False], [False, True]]))
np.save("fortran.npy", np.asfortranarray(np.arange(24, dtype=np.float64).reshape(2, 3, 4)))
np.save("scalar.npy", np.float64(3.5))
np.save("big_endian.npy", np.array([1.5, -2.0], dtype=">f8"))
# Version 2.0 of the format (a 4-byte header length), as NumPy writes for huge headers.
with open("v2.npy", "wb") as f:
    np.lib.format.write_array(f, np.array([1.0, 2.0, 3.0]), version=(2, 0))
