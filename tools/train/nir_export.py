"""Write a feed-forward LIF network as a NIR (HDF5) file, laid out as snnTorch exports it.

Layout (h5py paths): `version` (UTF-8 string), `node/type` = "NIRGraph",
`node/nodes/<name>/type` and the node's parameters, `node/edges` as (n, 2) strings.
Affine nodes hold `weight` [out, in] and `bias` [out] as float32. LIF nodes hold
`tau`, `r`, `v_leak` and `v_threshold` per neuron as float64, with tau = dt / (1 - beta)
and r = tau / dt: forward Euler at step dt then gives v <- beta v + I. Input and
Output nodes hold `shape` as int64.
"""

import h5py
import numpy as np

NIR_VERSION = "0.2.0"
DT = 1e-4


def _string(group, name, value):
    group.create_dataset(name, data=value, dtype=h5py.string_dtype("utf-8"))


def write_lif_network(path, layers, beta, threshold=1.0, dt=DT):
    """Write input -> (fc_i -> lif_i)* -> output.

    layers: list of (weight [out, in], bias [out]) numpy arrays, in order.
    """
    tau = dt / (1.0 - beta)
    names = ["input"]
    with h5py.File(path, "w") as file:
        _string(file, "version", NIR_VERSION)
        graph = file.create_group("node")
        _string(graph, "type", "NIRGraph")
        nodes = graph.create_group("nodes")

        node = nodes.create_group("input")
        _string(node, "type", "Input")
        node.create_dataset("shape", data=np.array([layers[0][0].shape[1]], dtype=np.int64))

        for index, (weight, bias) in enumerate(layers, start=1):
            size = weight.shape[0]
            affine = nodes.create_group(f"fc{index}")
            _string(affine, "type", "Affine")
            affine.create_dataset("weight", data=np.asarray(weight, dtype=np.float32))
            affine.create_dataset("bias", data=np.asarray(bias, dtype=np.float32))

            lif = nodes.create_group(f"lif{index}")
            _string(lif, "type", "LIF")
            lif.create_dataset("tau", data=np.full(size, tau, dtype=np.float64))
            lif.create_dataset("r", data=np.full(size, tau / dt, dtype=np.float64))
            lif.create_dataset("v_leak", data=np.zeros(size, dtype=np.float64))
            lif.create_dataset("v_threshold", data=np.full(size, threshold, dtype=np.float64))
            names += [f"fc{index}", f"lif{index}"]

        node = nodes.create_group("output")
        _string(node, "type", "Output")
        node.create_dataset("shape", data=np.array([layers[-1][0].shape[0]], dtype=np.int64))
        names.append("output")

        edges = np.array([[a, b] for a, b in zip(names, names[1:])], dtype=object)
        graph.create_dataset("edges", data=edges, dtype=h5py.string_dtype("utf-8"))


def read_lif_network(path):
    """Read back the Affine layers and LIF beta of a file written by write_lif_network."""
    with h5py.File(path, "r") as file:
        nodes = file["node/nodes"]
        layers = []
        index = 1
        while f"fc{index}" in nodes:
            layers.append((nodes[f"fc{index}/weight"][()], nodes[f"fc{index}/bias"][()]))
            index += 1
        tau = nodes["lif1/tau"][0]
        r = nodes["lif1/r"][0]
        dt = tau / r
        return layers, 1.0 - dt / tau
