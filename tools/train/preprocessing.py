"""PCA preprocessing in the `*.preproc.json` format of docs/preprocessing.md.

The C# class NeuroDeploy.Data.Preprocessing reads, fits and applies the same files.
"""

import json

import numpy as np

FORMAT_NAME = "neurodeploy-preprocessing"
PIXEL_SCALE = 1.0 / 255.0


def fit_pca(x, k, input_scale=PIXEL_SCALE, description=None):
    """Fit a K-component PCA on training samples x [B, F] and return it as a dict.

    Same steps as the C# Preprocessing.FitPca: scale, centre, eigen-decompose the
    sample covariance, keep the K largest axes with their largest loading positive,
    and divide each projection by its maximum |value| over the training set.
    """
    scaled = np.asarray(x, dtype=np.float64) * input_scale
    mean = scaled.mean(axis=0)
    centred = scaled - mean
    covariance = centred.T @ centred / (len(centred) - 1)
    eigenvalues, eigenvectors = np.linalg.eigh(covariance)
    order = np.argsort(-eigenvalues, kind="stable")[:k]
    components = eigenvectors[:, order].T.copy()
    for row in components:
        if row[np.argmax(np.abs(row))] < 0:
            row *= -1
    scale = np.abs(centred @ components.T).max(axis=0)
    result = {
        "format": FORMAT_NAME,
        "version": 1,
        "method": "pca",
        "input_size": int(x.shape[1]),
        "n_components": int(k),
        "input_scale": float(input_scale),
        "mean": mean.tolist(),
        "components": components.tolist(),
        "scale": scale.tolist(),
        "explained_variance": eigenvalues[order].tolist(),
    }
    if description is not None:
        result = {"fitted_on": description, **result}
    return result


def apply(preprocessing, x):
    """Transform samples x [B, input_size] into features [B, K] in [-1, 1] (float64)."""
    mean = np.asarray(preprocessing["mean"])
    components = np.asarray(preprocessing["components"])
    scale = np.asarray(preprocessing["scale"])
    projected = (np.asarray(x, dtype=np.float64) * preprocessing["input_scale"] - mean) @ components.T
    return np.clip(projected / scale, -1.0, 1.0)


def save(preprocessing, path):
    """Write the preprocessing as JSON; floats keep their shortest round-trip form."""
    ordered = {key: preprocessing[key] for key in (
        "format", "version", "method", "fitted_on", "input_size", "n_components",
        "input_scale", "mean", "components", "scale", "explained_variance",
    ) if key in preprocessing}
    with open(path, "w", encoding="utf-8") as file:
        json.dump(ordered, file)
        file.write("\n")


def load(path):
    """Read a preprocessing file and check its format name and version."""
    with open(path, encoding="utf-8") as file:
        preprocessing = json.load(file)
    if preprocessing.get("format") != FORMAT_NAME or preprocessing.get("version") != 1:
        raise ValueError(f"{path}: format '{preprocessing.get('format')}' version {preprocessing.get('version')} "
                         f"is not supported; expected '{FORMAT_NAME}' version 1")
    return preprocessing
