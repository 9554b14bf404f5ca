#!/usr/bin/python3
"""Train a spiking Fashion-MNIST classifier on dynamical-system encoded PCA features.

Pipeline: pixels -> PCA to K features in [-1, 1] (a *.preproc.json file) -> the
mixed-oscillator encoder ([B, T, 3K] graded input) -> Affine -> LIF -> ... -> 10 LIF
outputs. The LIF layers follow snnTorch's Leaky neuron with reset by subtraction:

    reset[t] = (v[t-1] > thr)
    v[t]     = beta v[t-1] + W x[t] + b - thr reset[t]
    s[t]     = (v[t] > thr)

with v[-1] = 0 and thr = 1. The prediction is the output neuron with the most spikes
(the lowest index on ties). Training uses a fast-sigmoid surrogate gradient and
cross-entropy on the output spike counts. The result is written as NIR (see
nir_export.py) next to the preprocessing file, the encoder spec and a training log.

Uses only Debian's python3-torch, python3-numpy and python3-h5py. Run from the
repository root, for example:

    /usr/bin/python3 tools/train/train_fashion.py --delta -1.5 --out examples/fashion-mnist-expansive
"""

import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mixed_oscillator  # noqa: E402
import nir_export  # noqa: E402
import preprocessing  # noqa: E402

FASHION = "/usr/share/datasets/fashion-mnist"


def read_idx(path):
    """Read a gzipped IDX file of unsigned bytes into a numpy array."""
    data = gzip.open(path).read()
    rank = data[3]
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(rank)]
    return np.frombuffer(data, np.uint8, offset=4 + 4 * rank).reshape(shape)


def load_split(prefix):
    images = read_idx(f"{FASHION}/{prefix}-images-idx3-ubyte.gz").reshape(-1, 28 * 28)
    labels = read_idx(f"{FASHION}/{prefix}-labels-idx1-ubyte.gz").astype(np.int64)
    return images, labels


def encode(features, spec, args):
    """Encode features [B, K] with `neurodeploy encode`, or with the NumPy copy when asked."""
    if args.numpy_encoder:
        return mixed_oscillator.encode(features, args.delta, args.tmax, args.steps, h=args.h)
    with tempfile.TemporaryDirectory() as folder:
        source, target = os.path.join(folder, "features.npy"), os.path.join(folder, "encoded.npy")
        np.save(source, features.astype(np.float64))
        subprocess.run(args.cli + ["encode", "--encoder", spec, "--input", source,
                                   "--normalize", "none", "--output", target], check=True)
        return np.load(target)


class FastSigmoidSpike(torch.autograd.Function):
    """Heaviside step forward; derivative 1 / (1 + slope |u|)^2 backward."""

    slope = 25.0

    @staticmethod
    def forward(ctx, u):
        ctx.save_for_backward(u)
        return (u > 0).float()

    @staticmethod
    def backward(ctx, grad):
        (u,) = ctx.saved_tensors
        return grad / (1.0 + FastSigmoidSpike.slope * u.abs()) ** 2


class SpikingNetwork(torch.nn.Module):
    def __init__(self, sizes, beta, threshold=1.0):
        super().__init__()
        self.layers = torch.nn.ModuleList(torch.nn.Linear(a, b) for a, b in zip(sizes, sizes[1:]))
        self.beta = beta
        self.threshold = threshold

    def forward(self, x):
        """x [B, T, C] -> output spike counts [B, 10] and spike counts per layer [B, L]."""
        v = [torch.zeros(x.shape[0], layer.out_features) for layer in self.layers]
        counts = [0.0] * len(self.layers)
        for t in range(x.shape[1]):
            signal = x[:, t]
            for i, layer in enumerate(self.layers):
                reset = (v[i] > self.threshold).float().detach()
                v[i] = self.beta * v[i] + layer(signal) - self.threshold * reset
                signal = FastSigmoidSpike.apply(v[i] - self.threshold)
                counts[i] = counts[i] + signal
        per_layer = torch.stack([c.sum(dim=1) for c in counts], dim=1)
        return counts[-1], per_layer


def evaluate(net, x, y, batch=1000):
    correct, spikes = 0, []
    with torch.no_grad():
        for i in range(0, len(x), batch):
            out, per_layer = net(x[i:i + batch])
            correct += (out.argmax(dim=1) == y[i:i + batch]).sum().item()
            spikes.append(per_layer)
    return correct / len(x), torch.cat(spikes).mean(dim=0).tolist()


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--delta", type=float, required=True, help="mixed-oscillator damping d")
    parser.add_argument("--tmax", type=float, default=2.0, help="integration horizon of the encoder")
    parser.add_argument("--steps", type=int, default=8, help="time steps T")
    parser.add_argument("--h", type=float, default=0.01, help="integration step of the encoder")
    parser.add_argument("--components", type=int, default=24, help="PCA features K")
    parser.add_argument("--hidden", type=int, nargs="+", default=[256], help="hidden LIF layer sizes")
    parser.add_argument("--beta", type=float, default=0.95, help="LIF membrane decay per step")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=128)
    parser.add_argument("--threads", type=int, default=2, help="torch CPU threads")
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--numpy-encoder", action="store_true",
                        help="encode with the NumPy copy instead of `neurodeploy encode`")
    parser.add_argument("--cli", nargs="+", default=["dotnet", "run", "--project", "tools/neurodeploy", "--"],
                        help="command that runs the neurodeploy CLI")
    parser.add_argument("--out", required=True, help="output folder")
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    os.makedirs(args.out, exist_ok=True)
    name = os.path.basename(os.path.normpath(args.out))
    log = open(os.path.join(args.out, "training.log"), "w", encoding="utf-8")

    def report(message):
        print(message, flush=True)
        log.write(message + "\n")
        log.flush()

    report("command: " + " ".join(sys.argv))
    train_images, train_labels = load_split("train")
    test_images, test_labels = load_split("t10k")

    pca = preprocessing.fit_pca(train_images, args.components,
                                description="Fashion-MNIST training set, 60000 images")
    preprocessing.save(pca, os.path.join(args.out, name + ".preproc.json"))
    # Features of the first 100 test images (also the first of the repository subset), a
    # cross-check for the C# Preprocessing.Apply.
    np.save(os.path.join(args.out, "subset-features.npy"), preprocessing.apply(pca, test_images[:100]))

    spec = f"mixed-oscillator:delta={args.delta:g},tmax={args.tmax:g},steps={args.steps}"
    if args.h != 0.01:
        spec += f",h={args.h:g}"
    with open(os.path.join(args.out, name + ".encoder.txt"), "w", encoding="utf-8") as file:
        file.write(spec + "\n")
    started = time.time()
    x_train = torch.from_numpy(encode(preprocessing.apply(pca, train_images), spec, args))
    x_test = torch.from_numpy(encode(preprocessing.apply(pca, test_images), spec, args))
    report(f"encoder: {spec} ({'numpy copy' if args.numpy_encoder else 'neurodeploy encode'}), "
           f"input {tuple(x_train.shape)}, max |value| {x_train.abs().max():.3f}, "
           f"{time.time() - started:.0f} s")

    y_train, y_test = torch.from_numpy(train_labels), torch.from_numpy(test_labels)
    sizes = [x_train.shape[2], *args.hidden, 10]
    net = SpikingNetwork(sizes, args.beta)
    optimizer = torch.optim.Adam(net.parameters(), lr=args.lr)
    batches = (len(x_train) + args.batch - 1) // args.batch
    schedule = torch.optim.lr_scheduler.OneCycleLR(optimizer, args.lr, total_steps=args.epochs * batches)
    report(f"network: {' -> '.join(map(str, sizes))}, beta {args.beta}, T {args.steps}")

    started = time.time()
    for epoch in range(args.epochs):
        order = torch.randperm(len(x_train))
        total = 0.0
        for i in range(0, len(x_train), args.batch):
            index = order[i:i + args.batch]
            out, _ = net(x_train[index])
            loss = torch.nn.functional.cross_entropy(out, y_train[index])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += loss.item() * len(index)
        accuracy, spikes = evaluate(net, x_test, y_test)
        report(f"epoch {epoch + 1}: loss {total / len(x_train):.4f}, test accuracy {accuracy:.4f}, "
               f"spikes per inference {sum(spikes):.1f} {[round(s, 1) for s in spikes]}, "
               f"{time.time() - started:.0f} s")

    layers = [(layer.weight.detach().numpy(), layer.bias.detach().numpy()) for layer in net.layers]
    nir_export.write_lif_network(os.path.join(args.out, name + ".nir"), layers, args.beta)
    metrics = {
        "encoder": spec, "test_accuracy": accuracy, "spikes_per_inference": sum(spikes),
        "spikes_per_layer": spikes, "training_seconds": round(time.time() - started),
        "test_images": len(x_test), "network": sizes,
    }
    with open(os.path.join(args.out, "metrics.json"), "w", encoding="utf-8") as file:
        json.dump(metrics, file, indent=2)
        file.write("\n")
    report(json.dumps(metrics))


if __name__ == "__main__":
    main()
