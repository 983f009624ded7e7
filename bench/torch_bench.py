"""W1 and W4 in PyTorch (CPU, float64), written the way a PyTorch user would, for bench/run.

    python3 bench/torch_bench.py w1 WARMUP RUNS      scalar tensors k, c with requires_grad, the
                                                     100,000 Euler steps in a Python loop, backward()
    python3 bench/torch_bench.py w4scalar WARMUP RUNS  x one tensor (requires_grad), the sum taken
                                                     element by element in a Python loop
    python3 bench/torch_bench.py w4vec WARMUP RUNS   the same function as one vectorised expression

Each timed run prints "<name> <seconds> <value> <gradient...>" like Baseline.java and the .dl files:
w1: value, d/dk, d/dc; w4: value, sum of the gradient, g[0], g[n-1]. A timed run covers building
the graph, the forward computation and backward(), not creating the inputs.
"""
import sys
import time

import torch

torch.set_default_dtype(torch.float64)


def w1():
    k = torch.tensor(2.0, requires_grad=True)
    c = torch.tensor(0.5, requires_grad=True)
    t0 = time.perf_counter()
    x = torch.tensor(1.0)
    v = torch.tensor(0.0)
    dt = 0.001
    for _ in range(100000):
        a = -k * x - c * v
        v = v + dt * a
        x = x + dt * v
    f = x * x + v * v
    f.backward()
    t = time.perf_counter() - t0
    return t, [f.item(), k.grad.item(), c.grad.item()]


def w4_input():
    n = 10000
    return torch.tensor([0.5 + 0.001 * i for i in range(n)], requires_grad=True)


def w4_result(t, f, x):
    g = x.grad
    return t, [f.item(), g.sum().item(), g[0].item(), g[-1].item()]


def w4scalar():
    x = w4_input()
    t0 = time.perf_counter()
    f = torch.tensor(0.0)
    for i in range(len(x) - 1):
        f = f + 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2
    f.backward()
    return w4_result(time.perf_counter() - t0, f, x)


def w4vec():
    x = w4_input()
    t0 = time.perf_counter()
    f = (100 * (x[1:] - x[:-1] ** 2) ** 2 + (1 - x[:-1]) ** 2).sum()
    f.backward()
    return w4_result(time.perf_counter() - t0, f, x)


def main():
    name, warmup, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    run = {"w1": w1, "w4scalar": w4scalar, "w4vec": w4vec}[name]
    for _ in range(warmup):
        run()
    for _ in range(runs):
        t, values = run()
        print(name, t, *(repr(v) for v in values), flush=True)


if __name__ == "__main__":
    main()
