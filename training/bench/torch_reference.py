"""PyTorch side of bin/bench-training: the same networks, batches and optimizer as Rung's side, timed
the same way. Reads MNIST's raw IDX files itself and prints one JSON object per measurement.

usage: torch_reference.py MNIST_DIR THREADS NET SHAPE BATCH BATCHES [TRAIN_EXAMPLES]

NET describes the network as EpochBenchmark does: tokens joined by '-', e.g. d512-d256 (dense
layers), c32k5p (32 channels, 5x5 kernel, 'same' padding, then 2x2 max pooling; no 'p', no pooling),
fc128 (a dense layer after the convolutions), bn first for batch norm after every convolution and
dense layer. Every hidden layer has ReLU; the output layer has 10 classes, softmax, cross entropy;
Adam 1e-3. SHAPE is CxHxW: 1x28x28 trains on MNIST, any other shape on random data of that shape.
BATCHES 0 means one epoch over TRAIN_EXAMPLES examples.
"""
import json
import re
import struct
import sys
import time

import numpy as np
import torch
from torch import nn


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    zero, dtype, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 0x08:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


def build(net, shape):
    tokens = net.split("-")
    bn = tokens[0] == "bn"
    if bn:
        tokens = tokens[1:]
    channels, height, width = shape
    layers = []
    flat = None
    for t in tokens:
        conv = re.fullmatch(r"c(\d+)k(\d+)(p?)", t)
        dense = re.fullmatch(r"(?:d|fc)(\d+)", t)
        if conv:
            out, k, pool = int(conv.group(1)), int(conv.group(2)), conv.group(3) == "p"
            layers.append(nn.Conv2d(channels, out, k, padding=k // 2))
            if bn:
                layers.append(nn.BatchNorm2d(out))
            layers.append(nn.ReLU())
            if pool:
                layers.append(nn.MaxPool2d(2))
                height, width = height // 2, width // 2
            channels = out
        elif dense:
            if flat is None:
                layers.append(nn.Flatten())
                flat = channels * height * width
            out = int(dense.group(1))
            layers.append(nn.Linear(flat, out))
            if bn:
                layers.append(nn.BatchNorm1d(out))
            layers.append(nn.ReLU())
            flat = out
        else:
            raise ValueError(f"unknown layer {t!r} in {net!r}")
    if flat is None:
        layers.append(nn.Flatten())
        flat = channels * height * width
    layers.append(nn.Linear(flat, 10))
    return nn.Sequential(*layers)


def train(model, x, y, batch, limit):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0])
    steps = 0
    start = time.perf_counter()
    thread_start = time.thread_time()
    process_start = time.process_time()
    i = 0
    while limit == 0 and i < x.shape[0] or steps < limit:
        idx = order[torch.arange(i, i + batch) % x.shape[0]] if limit else order[i:i + batch]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        steps += 1
        i += batch
    return {"seconds": time.perf_counter() - start,
            "cpu_seconds": time.thread_time() - thread_start,
            "process_cpu_seconds": time.process_time() - process_start,
            "samples": min(x.shape[0], steps * batch) if limit == 0 else steps * batch}


def main():
    data_dir, threads, net, shape_text = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
    batch, batches = int(sys.argv[5]), int(sys.argv[6])
    n_train = int(sys.argv[7]) if len(sys.argv) > 7 else 55000
    shape = tuple(int(v) for v in shape_text.split("x"))
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    if shape == (1, 28, 28):
        images = read_idx(f"{data_dir}/train-images-idx3-ubyte").astype(np.float32) / 255.0
        labels = read_idx(f"{data_dir}/train-labels-idx1-ubyte").astype(np.int64)
        x = torch.from_numpy(images[:n_train].copy())
        y = torch.from_numpy(labels[:n_train].copy())
    else:
        n_train = 4096
        x = torch.rand(n_train, *shape)
        y = torch.randint(0, 10, (n_train,))
    x = x.reshape(n_train, 784) if net.startswith("d") else x.reshape(n_train, *shape)
    train(build(net, shape), x, y, batch, 20 if batches == 0 else 5)  # warm-up, as on Rung's side
    model = build(net, shape)
    result = train(model, x, y, batch, batches)
    result.update({"what": net, "threads": torch.get_num_threads(),
                   "onednn": torch.backends.mkldnn.is_available()})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
