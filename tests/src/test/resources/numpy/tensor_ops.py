"""NumPy's results for TensorNumpyAgreementTest.

Reads cases from stdin, one a line: "<dtype> <op> <params> ; <shape> : <values> ; <shape> : <values> ..."
(dtype f32 or f64, params comma-separated or "-", a shape's dims comma-separated or "-" for a 0-d
array, values space-separated, printed by Java with Double.toString so they read back exactly).
Writes one line per case: "<shape> : <values>" of the result, values with repr (exact).
"""
import sys

import numpy as np


def parse_array(text, dtype):
    shape_text, values_text = text.split(":")
    shape = () if shape_text.strip() == "-" else tuple(int(d) for d in shape_text.split(","))
    values = [float(v) for v in values_text.split()]
    return np.array(values, dtype=np.float64).astype(dtype).reshape(shape)


def axis_param(p):
    if p == "none":
        return None
    if "/" in p:
        return tuple(int(a) for a in p.split("/"))
    return int(p)


def logsumexp(x, axis, keepdims):
    m = np.max(x, axis=axis, keepdims=True)
    m = np.where(np.isfinite(m), m, 0)
    out = np.log(np.sum(np.exp(x - m), axis=axis, keepdims=True)) + m
    return out if keepdims else np.squeeze(out, axis=axis)


def compute(op, params, args):
    x = args[0]
    if op in ("add", "sub", "mul", "div", "remainder", "floor_divide", "matmul"):
        a, b = args
        return {"add": np.add, "sub": np.subtract, "mul": np.multiply, "div": np.divide, "remainder": np.remainder,
                "floor_divide": np.floor_divide, "matmul": np.matmul}[op](a, b)
    if op == "matmul_t0":
        a, b = args
        return np.matmul(np.swapaxes(a, -1, -2), b)
    if op == "scalar_mul":
        return x * x.dtype.type(float(params[0]))
    if op == "scalar_rsub":
        return x.dtype.type(float(params[0])) - x
    if op in ("exp", "log", "log1p", "expm1", "tanh", "floor", "ceil", "round"):
        return getattr(np, op)(x)
    if op == "sigmoid":
        return x.dtype.type(1) / (x.dtype.type(1) + np.exp(-x))
    if op == "relu":
        return np.maximum(x, x.dtype.type(0))
    if op in ("sum", "mean", "var", "std", "amax"):
        axis = axis_param(params[0])
        keepdims = params[1] == "true"
        return {"sum": np.sum, "mean": np.mean, "var": np.var, "std": np.std, "amax": np.max}[op](x, axis=axis, keepdims=keepdims)
    if op == "prod":
        return np.prod(x, axis=None if params[0] == "none" else int(params[0]), keepdims=params[1] == "true")
    if op == "sort":
        return np.sort(x, axis=int(params[0]))
    if op == "argsort":
        return np.argsort(x, axis=int(params[0]), kind="stable").astype(x.dtype)
    if op == "cumsum":
        return np.cumsum(x, axis=None if params[0] == "none" else int(params[0]))
    if op == "logsumexp":
        return logsumexp(x, axis_param(params[0]), params[1] == "true")
    if op == "softmax":
        axis = int(params[0])
        e = np.exp(x - np.max(x, axis=axis, keepdims=True))
        return e / np.sum(e, axis=axis, keepdims=True)
    if op == "log_softmax":
        axis = int(params[0])
        return x - logsumexp(x, axis, True)
    if op == "reshape":
        return np.reshape(x, tuple(int(d) for d in params[0].split("/")))
    if op == "transpose":
        return np.transpose(x) if params[0] == "all" else np.swapaxes(x, int(params[0]), int(params[1]))
    raise ValueError("unknown op " + op)


def main():
    for line in sys.stdin:
        line = line.strip()
        if not line:
            continue
        parts = [p.strip() for p in line.split(";")]
        dtype_name, op, params = parts[0].split()
        dtype = np.float32 if dtype_name == "f32" else np.float64
        args = [parse_array(p, dtype) for p in parts[1:]]
        out = np.asarray(compute(op, [] if params == "-" else params.split(","), args))
        shape = ",".join(str(d) for d in out.shape) if out.ndim else "-"
        print(shape, ":", out.dtype.name, ":", " ".join(repr(float(v)) for v in out.reshape(-1)))


if __name__ == "__main__":
    main()
