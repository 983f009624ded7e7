"""The training examples in PyTorch (CPU, as many threads as cores), for bench/training.

    python3 bench/train_torch.py digits_mlp     examples/digits_mlp.dl --full
    python3 bench/train_torch.py digits_cnn     examples/digits_cnn.dl --full
    python3 bench/train_torch.py fashion_mlp    examples/fashion/fashion_mnist.dl --full

Each trains the same network as the Delta example, with the same data preparation, initialisers
(He-uniform hidden layers, Glorot-uniform output layers, zero biases), optimizer (Adam, PyTorch's
defaults but the learning rate), batch size, epochs and per-epoch evaluation, and times the same
part of the run (the training loop with its evaluations; loading and splitting the data excluded).
It prints the lines the example prints at the end: "held-out accuracy A %" (digits) or
"test accuracy A %" (Fashion-MNIST), then "trained in S s". Random draws (split, initial weights,
shuffles) come from PyTorch's generator, so accuracies differ from Delta's by a few tenths.
"""
import gzip
import math
import os
import struct
import sys
import time

import torch
import torch.nn.functional as F

torch.set_num_threads(os.cpu_count())
torch.manual_seed(0)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def he_uniform(fan_in, shape):
    a = math.sqrt(6.0 / fan_in)
    return (torch.rand(shape) * 2 * a - a).requires_grad_()


def glorot_uniform(fan_in, fan_out, shape):
    a = math.sqrt(6.0 / (fan_in + fan_out))
    return (torch.rand(shape) * 2 * a - a).requires_grad_()


def digits():
    path = os.path.join(ROOT, "stdlib/src/main/resources/delta/stdlib/data/digits.csv.gz")
    with gzip.open(path, "rt") as f:
        rows = [[float(v) for v in line.split(",")] for line in f if line.strip()]
    t = torch.tensor(rows)
    x, y = t[:, :64].float(), t[:, 64].long()
    order = torch.randperm(len(x))
    n_test = round(len(x) * 0.2)
    test, train = order[:n_test], order[n_test:]
    return x[train], x[test], y[train], y[test]


def idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    dims = data[3]
    shape = struct.unpack(">" + "I" * dims, data[4:4 + 4 * dims])
    return torch.frombuffer(bytearray(data[4 + 4 * dims:]), dtype=torch.uint8).reshape(shape)


def train(params, forward, x_train, y_train, x_test, y_test, epochs, batch, lr, per_epoch):
    opt = torch.optim.Adam(params, lr=lr)
    start = time.perf_counter()
    for epoch in range(epochs):
        order = torch.randperm(len(x_train))
        for lo in range(0, len(x_train), batch):
            idx_ = order[lo:lo + batch]
            loss = F.cross_entropy(forward(x_train[idx_]), y_train[idx_])
            opt.zero_grad()
            loss.backward()
            opt.step()
            per_epoch["step"](loss)
        with torch.no_grad():
            per_epoch["epoch"](epoch)
    seconds = time.perf_counter() - start
    with torch.no_grad():
        acc = (forward(x_test).argmax(-1) == y_test).double().mean().item()
    return acc, seconds


def accuracy(forward, x, y):
    return (forward(x).argmax(-1) == y).double().mean().item()


def digits_mlp():
    x_train, x_test, y_train, y_test = digits()
    mu, sd = x_train.mean(0), x_train.std(0, unbiased=False)
    sd = torch.where(sd == 0, torch.ones_like(sd), sd)
    x_train, x_test = (x_train - mu) / sd, (x_test - mu) / sd
    w1, b1 = he_uniform(64, (64, 256)), torch.zeros(256, requires_grad=True)
    w2, b2 = glorot_uniform(256, 10, (256, 10)), torch.zeros(10, requires_grad=True)
    forward = lambda x: torch.relu(x @ w1 + b1) @ w2 + b2
    hooks = {"step": lambda loss: None,
             "epoch": lambda e: (F.cross_entropy(forward(x_train), y_train).item(), accuracy(forward, x_test, y_test))}
    acc, s = train([w1, b1, w2, b2], forward, x_train, y_train, x_test, y_test, 20, 32, 0.001, hooks)
    print("held-out accuracy", round(acc * 1000) / 10, "%")
    print("trained in", round(s * 10) / 10, "s")


def digits_cnn():
    x_train, x_test, y_train, y_test = digits()
    x_train, x_test = (x_train / 16).reshape(-1, 1, 8, 8), (x_test / 16).reshape(-1, 1, 8, 8)
    wc, bc = he_uniform(9, (16, 1, 3, 3)), torch.zeros(16, requires_grad=True)
    wo, bo = glorot_uniform(256, 10, (256, 10)), torch.zeros(10, requires_grad=True)
    forward = lambda x: F.max_pool2d(torch.relu(F.conv2d(x, wc, bc, 1, 1)), 2, 2).reshape(len(x), -1) @ wo + bo
    hooks = {"step": lambda loss: None,
             "epoch": lambda e: (F.cross_entropy(forward(x_train), y_train).item(), accuracy(forward, x_test, y_test))}
    acc, s = train([wc, bc, wo, bo], forward, x_train, y_train, x_test, y_test, 15, 32, 0.003, hooks)
    print("held-out accuracy", round(acc * 1000) / 10, "%")
    print("trained in", round(s * 10) / 10, "s")


def fashion_mlp():
    d = "/usr/share/datasets/fashion-mnist"
    x_train = idx(d + "/train-images-idx3-ubyte.gz").reshape(-1, 784).float() / 255
    y_train = idx(d + "/train-labels-idx1-ubyte.gz").long()
    x_test = idx(d + "/t10k-images-idx3-ubyte.gz").reshape(-1, 784).float() / 255
    y_test = idx(d + "/t10k-labels-idx1-ubyte.gz").long()
    w1, b1 = he_uniform(784, (784, 256)), torch.zeros(256, requires_grad=True)
    w2, b2 = glorot_uniform(256, 10, (256, 10)), torch.zeros(10, requires_grad=True)
    forward = lambda x: torch.relu(x @ w1 + b1) @ w2 + b2
    curve = []
    hooks = {"step": lambda loss: curve.append(loss.item()),           # the example reads every loss
             "epoch": lambda e: accuracy(forward, x_test, y_test)}
    acc, s = train([w1, b1, w2, b2], forward, x_train, y_train, x_test, y_test, 5, 128, 0.001, hooks)
    print("test accuracy", round(acc * 1000) / 10, "%")
    print("trained in", round(s * 10) / 10, "s")


{"digits_mlp": digits_mlp, "digits_cnn": digits_cnn, "fashion_mlp": fashion_mlp}[sys.argv[1]]()
