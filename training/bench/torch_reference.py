"""PyTorch side of bin/bench-training: the same networks and batches as Rung's epoch loop, timed
the same way. Reads MNIST's raw IDX files itself and prints one JSON object per measurement.

usage: torch_reference.py MNIST_DIR THREADS TRAIN_EXAMPLES CNN_BATCHES
"""
import json
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


def mlp():
    return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                         nn.Linear(256, 10))


def cnn():
    return nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(16 * 7 * 7, 64), nn.ReLU(), nn.Linear(64, 10))


def train(model, x, y, batch, limit=None):
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    loss_fn = nn.CrossEntropyLoss()
    order = torch.randperm(x.shape[0])
    steps = 0
    start = time.perf_counter()
    for i in range(0, x.shape[0], batch):
        idx = order[i:i + batch]
        opt.zero_grad()
        loss = loss_fn(model(x[idx]), y[idx])
        loss.backward()
        opt.step()
        steps += 1
        if limit is not None and steps >= limit:
            break
    return time.perf_counter() - start, min(x.shape[0], steps * batch)


def main():
    data_dir, threads, n_train, cnn_batches = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    torch.set_num_threads(threads)
    torch.manual_seed(0)
    images = read_idx(f"{data_dir}/train-images-idx3-ubyte").astype(np.float32) / 255.0
    labels = read_idx(f"{data_dir}/train-labels-idx1-ubyte").astype(np.int64)
    x = torch.from_numpy(images[:n_train].reshape(n_train, 784).copy())
    y = torch.from_numpy(labels[:n_train].copy())

    train(mlp(), x, y, 128, limit=20)  # warm-up, as on the Java side
    model = mlp()
    seconds, samples = train(model, x, y, 128)
    with torch.no_grad():
        acc = (model(x[:5000]).argmax(1) == y[:5000]).float().mean().item()
    print(json.dumps({"what": "mlp_epoch", "seconds": seconds, "samples": samples,
                      "train_acc_first_5000": acc, "threads": torch.get_num_threads()}))

    xi = x.reshape(n_train, 1, 28, 28)
    train(cnn(), xi, y, 64, limit=5)
    seconds, samples = train(cnn(), xi, y, 64, limit=cnn_batches)
    print(json.dumps({"what": "cnn", "seconds": seconds, "samples": samples}))


if __name__ == "__main__":
    main()
