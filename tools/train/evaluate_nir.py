#!/usr/bin/python3
"""Evaluate an example's NIR file on the Fashion-MNIST test set with NumPy.

The script does not use the training code's network. It reads the .nir, .preproc.json
and .encoder.txt of an example folder and encodes the test images with `neurodeploy
encode`, or with the NumPy copy of the encoder. It then runs the LIF layers with the
snnTorch Leaky semantics in float32 and prints the accuracy and the mean spikes per
inference. Optionally compares an
encoded array from `neurodeploy encode` with the NumPy encoder bit for bit.

    /usr/bin/python3 tools/train/evaluate_nir.py examples/fashion-mnist-expansive --numpy-encoder
"""

import argparse
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mixed_oscillator  # noqa: E402
import nir_export  # noqa: E402
import preprocessing  # noqa: E402
from train_fashion import encode, load_split  # noqa: E402


def parse_spec(spec):
    """Return the keys of a mixed-oscillator spec 'mixed-oscillator:delta=..,tmax=..,steps=..'."""
    name, _, pairs = spec.partition(":")
    if name != "mixed-oscillator":
        raise ValueError(f"encoder spec '{spec}' is not a mixed-oscillator spec; this script only "
                         "evaluates mixed-oscillator examples")
    values = dict(pair.split("=") for pair in pairs.split(","))
    return float(values["delta"]), float(values.get("tmax", 8)), int(values.get("steps", 5)), \
        float(values.get("h", 0.01))


def simulate(layers, beta, x, threshold=1.0):
    """Run x [B, T, C] through Affine + LIF layers; return output counts and spikes per layer [B, L]."""
    weights = [(w.astype(np.float32), b.astype(np.float32)) for w, b in layers]
    v = [np.zeros((x.shape[0], w.shape[0]), np.float32) for w, _ in weights]
    counts = [np.zeros_like(state) for state in v]
    beta = np.float32(beta)
    for t in range(x.shape[1]):
        signal = x[:, t]
        for i, (w, b) in enumerate(weights):
            reset = (v[i] > threshold).astype(np.float32)
            v[i] = beta * v[i] + (signal @ w.T + b) - np.float32(threshold) * reset
            signal = (v[i] > threshold).astype(np.float32)
            counts[i] += signal
    return counts[-1], np.stack([c.sum(axis=1) for c in counts], axis=1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("example", help="example folder, e.g. examples/fashion-mnist-expansive")
    parser.add_argument("--numpy-encoder", action="store_true")
    parser.add_argument("--cli", nargs="+", default=["dotnet", "run", "--project", "tools/neurodeploy", "--"])
    parser.add_argument("--compare-encoded", help="an encoded .npy from `neurodeploy encode` of the test set")
    args = parser.parse_args()

    name = os.path.basename(os.path.normpath(args.example))
    base = os.path.join(args.example, name)
    spec = open(base + ".encoder.txt", encoding="utf-8").read().strip()
    args.delta, args.tmax, args.steps, args.h = parse_spec(spec)
    pca = preprocessing.load(base + ".preproc.json")
    layers, beta = nir_export.read_lif_network(base + ".nir")

    images, labels = load_split("t10k")
    features = preprocessing.apply(pca, images)
    x = encode(features, spec, args)
    if args.compare_encoded:
        other = np.load(args.compare_encoded)
        reference = mixed_oscillator.encode(features, args.delta, args.tmax, args.steps, h=args.h)
        differing = np.count_nonzero(other.view(np.uint32) != reference.view(np.uint32))
        print(f"encoded values that differ in any bit from the NumPy encoder: {differing} of {reference.size}")

    out, per_layer = simulate(layers, beta, x)
    accuracy = float((out.argmax(axis=1) == labels).mean())
    spikes = per_layer.mean(axis=0)
    print(f"{name}: encoder {spec}, beta {beta:.6f}, test accuracy {accuracy:.4f} on {len(labels)} images, "
          f"spikes per inference {spikes.sum():.1f} (per layer {[round(float(s), 1) for s in spikes]})")


if __name__ == "__main__":
    main()
