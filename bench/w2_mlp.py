"""W2 in PyTorch (CPU, as many threads as cores): the training step of bench/w2_mlp.dl.

    python3 bench/w2_mlp.py [warm-up steps]        (W2_DEVICE=cuda: on the GPU, for bench/cuda_w2)

An MLP 784 -> 256 (ReLU) -> 10, softmax cross-entropy (mean), batch 128, SGD lr 0.1, f32, with the
same deterministic inputs and initial weights as w2_mlp.dl. The step is what a PyTorch user writes
without torch.nn modules: forward, loss.backward(), then p -= lr * p.grad under no_grad. 10 untimed
warm-up steps (or as many as the first argument says), then 50 steps each timed alone with
time.perf_counter(), printing "w2 step <seconds> <loss before the step>", then
"w2 loss <loss after all the steps>".
"""
import os
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(os.cpu_count())
dev = os.environ.get("W2_DEVICE", "cpu")

x = torch.sin(torch.arange(128 * 784, dtype=torch.float64)).reshape(128, 784).float().to(dev)
y = (torch.arange(128) % 10).to(dev)
w1 = (0.05 * torch.sin(0.37 * torch.arange(784 * 256, dtype=torch.float64))).reshape(784, 256).float().to(dev).requires_grad_()
b1 = torch.zeros(256, device=dev, requires_grad=True)
w2 = (0.05 * torch.cos(0.53 * torch.arange(256 * 10, dtype=torch.float64))).reshape(256, 10).float().to(dev).requires_grad_()
b2 = torch.zeros(10, device=dev, requires_grad=True)
params = [w1, b1, w2, b2]


def loss_of(x, y):
    return F.cross_entropy(torch.relu(x @ w1 + b1) @ w2 + b2, y)


warmup = int(sys.argv[1]) if len(sys.argv) > 1 else 10
for i in range(warmup + 50):
    t0 = time.perf_counter()
    loss = loss_of(x, y)
    loss.backward()
    with torch.no_grad():
        for p in params:
            p -= 0.1 * p.grad
            p.grad = None
    # Reading the loss inside the timed region: on a GPU it waits for the step's kernels to finish.
    lv = loss.item()
    t1 = time.perf_counter()
    if i >= warmup:
        print("w2 step", t1 - t0, lv, flush=True)
with torch.no_grad():
    print("w2 loss", loss_of(x, y).item())
