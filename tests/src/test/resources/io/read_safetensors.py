#!/usr/bin/python3
"""Reads a safetensors file with only struct, json and (when present) torch, and prints each tensor
as `name dtype shape values...`, then the metadata. IoTest runs it on a file Delta wrote."""
import json
import struct
import sys

with open(sys.argv[1], "rb") as f:
    blob = f.read()
(n,) = struct.unpack("<Q", blob[:8])
header = json.loads(blob[8:8 + n])
data = blob[8 + n:]
formats = {"F32": ("f", 4), "F64": ("d", 8), "I64": ("q", 8), "BOOL": ("?", 1)}
try:
    import torch
    torch_dtypes = {"F32": torch.float32, "F64": torch.float64, "I64": torch.int64, "BOOL": torch.bool}
except ImportError:
    torch = None
for name, info in header.items():
    if name == "__metadata__":
        continue
    begin, end = info["data_offsets"]
    code, width = formats[info["dtype"]]
    raw = data[begin:end]
    values = struct.unpack("<%d%s" % (len(raw) // width, code), raw)
    if torch is not None and len(raw) > 0:
        t = torch.frombuffer(bytearray(raw), dtype=torch_dtypes[info["dtype"]]).reshape(info["shape"])
        assert [float(v) for v in t.flatten().tolist()] == [float(v) for v in values], name
    print(name, info["dtype"], info["shape"], " ".join(repr(float(v)) for v in values))
print("metadata", json.dumps(header.get("__metadata__", {}), sort_keys=True))
print("torch" if torch is not None else "no torch")
