"""The tensor workloads in PyTorch (CPU, as many threads as cores), for bench/tensors.

    python3 bench/torch_tensors.py w3            square matrix products, f32 and f64, n = 256, 512, 1024
    python3 bench/torch_tensors.py ew            element-wise operations on 10^6 elements
    python3 bench/torch_tensors.py w4 N          vectorised Rosenbrock at n = N: forward, and forward + backward
    python3 bench/torch_tensors.py w4mem N       W4's memory at n = N (one process, one call)

Each sample prints a line like the matching .dl file (same names, same inputs, same warm-up and
timing rules), so bench/tensors treats both alike.
"""
import os
import resource
import sys
import time

import torch


def timed_rounds(run, warm_s=1.0, min_warm=3, min_rounds=5, timed_s=2.0, max_rounds=200):
    start = time.perf_counter()
    rounds = 0
    while rounds < min_warm or time.perf_counter() - start < warm_s:
        run()
        rounds += 1
    timed = 0.0
    rounds = 0
    while rounds < min_rounds or (timed < timed_s and rounds < max_rounds):
        t0 = time.perf_counter()
        result = run()
        t = time.perf_counter() - t0
        yield t, result
        timed += t
        rounds += 1


def w3():
    for name, dtype in (("f32", torch.float32), ("f64", torch.float64)):
        for n in (256, 512, 1024):
            a = (torch.arange(n * n, dtype=torch.float64) / (n * n)).reshape(n, n).to(dtype)
            b = 1.0 - a
            for t, c in timed_rounds(lambda: torch.mm(a, b)):
                print("w3", name, n, t, c.sum().item(), flush=True)


def ew():
    n = 1000000
    for name, dtype in (("f32", torch.float32), ("f64", torch.float64)):
        g = torch.Generator().manual_seed(1)
        a = torch.rand(n, generator=g, dtype=torch.float64).to(dtype)
        b = torch.rand(n, generator=g, dtype=torch.float64).to(dtype)
        c = torch.rand(n, generator=g, dtype=torch.float64).to(dtype)
        ops = (("add", lambda: a + b), ("exp", lambda: torch.exp(a)), ("fma", lambda: a * b + c),
               ("sum", lambda: a.sum()))
        for op, run in ops:
            for t, r in timed_rounds(run, warm_s=0.5, min_rounds=20, timed_s=1.0, max_rounds=500):
                print("ew", name, op, t, r.sum().item(), flush=True)


def rosenbrock(x):
    return (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()


def w4_input(n):
    return (0.5 + 0.001 * torch.arange(n, dtype=torch.float64)).requires_grad_(True)


def w4(n):
    x = w4_input(n)

    def forward():
        with torch.no_grad():
            return rosenbrock(x)

    def value_and_grad():
        x.grad = None
        f = rosenbrock(x)
        f.backward()
        return f, x.grad

    for t, f in timed_rounds(forward, warm_s=1.0, timed_s=1.5, max_rounds=300):
        print("w4_fwd", n, t, f.item(), flush=True)
    for t, (f, g) in timed_rounds(value_and_grad, warm_s=1.0, timed_s=1.5, max_rounds=300):
        print("w4_vg", n, t, f.item(), g.sum().item(), g[0].item(), g[-1].item(), flush=True)


def w4mem(n):
    """Peak resident memory that one value-and-gradient call adds (fresh process, after the
    input exists), and the bytes autograd saves for the backward pass (saved tensors, by storage)."""
    x = w4_input(n)
    saved = {}

    def pack(t):
        storage = t.untyped_storage() if hasattr(t, "untyped_storage") else t.storage()
        saved[storage.data_ptr()] = storage.nbytes()
        return t

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    with torch.autograd.graph.saved_tensors_hooks(pack, lambda t: t):
        f = rosenbrock(x)
    f.backward()
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print("w4mem", n, (after - before) * 1024, sum(saved.values()), x.grad.sum().item(), flush=True)


def main():
    # Both systems on all cores: PyTorch's default here is the number of physical cores (1 on a
    # 2-vCPU machine), Delta's tensor kernels use every core the JVM sees.
    torch.set_num_threads(os.cpu_count())
    name = sys.argv[1]
    if name == "w3":
        w3()
    elif name == "ew":
        ew()
    elif name == "w4":
        w4(int(sys.argv[2]))
    elif name == "w4mem":
        w4mem(int(sys.argv[2]))
    else:
        raise SystemExit("unknown workload " + name)


if __name__ == "__main__":
    main()
