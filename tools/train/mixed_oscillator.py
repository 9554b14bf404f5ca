"""NumPy re-implementation of the toolkit's mixed-oscillator encoder.

Each feature v starts (x, y, z) = (v, 0.2 v, -v) of
    x' = y
    y' = -alpha x - beta x^3 - delta y + gamma z + drive cos(omega t)
    z' = -omega x - delta z + gamma x y
which is integrated with classic RK4 for N = round(tmax / h) steps; the N + 1 points
are resampled at T evenly spaced positions k N / (T - 1) by linear interpolation. The
output is [B, T, 3 F] with channels x_0, y_0, z_0, x_1, ... per step. The operations
follow the C# encoder's order, so results agree to the last bit in float64 (then
rounded to float32). `neurodeploy encode` is the reference; this module prototypes it.
"""

import numpy as np


def derivative(t, x, y, z, p):
    dx = y
    dy = (-p["alpha"] * x) - (p["beta"] * (x * x * x)) - (p["delta"] * y) \
        + (p["gamma"] * z) + (p["drive"] * np.cos(p["omega"] * t))
    dz = (-p["omega"] * x) - (p["delta"] * z) + (p["gamma"] * x * y)
    return dx, dy, dz


def rk4_step(t, state, h, p):
    x, y, z = state
    f1 = derivative(t, x, y, z, p)
    k1 = [h * f for f in f1]
    f2 = derivative(t + (h / 2), x + (k1[0] / 2), y + (k1[1] / 2), z + (k1[2] / 2), p)
    k2 = [h * f for f in f2]
    f3 = derivative(t + (h / 2), x + (k2[0] / 2), y + (k2[1] / 2), z + (k2[2] / 2), p)
    k3 = [h * f for f in f3]
    f4 = derivative(t + h, x + k3[0], y + k3[1], z + k3[2], p)
    k4 = [h * f for f in f4]
    return tuple(s + ((a + (2 * b) + (2 * c) + d) / 6) for s, a, b, c, d in zip(state, k1, k2, k3, k4))


def encode(features, delta, tmax, steps, h=0.01, alpha=2.0, beta=0.1, gamma=0.1, omega=1.0, drive=0.0):
    """Encode features [B, F] in [-1, 1] into float32 [B, T, 3 F]."""
    p = dict(alpha=alpha, beta=beta, gamma=gamma, delta=delta, omega=omega, drive=drive)
    v = np.asarray(features, dtype=np.float64)
    n = int(np.round(tmax / h))
    positions = [0.0] if steps == 1 else [k * n / (steps - 1) for k in range(steps)]
    indices = [min(int(np.floor(pos)), n) for pos in positions]
    needed = set(indices) | {i + 1 for i in indices if i < n}

    state = (v, 0.2 * v, -v)
    points = {0: state}
    for i in range(n):
        state = rk4_step(i * h, state, h, p)
        if i + 1 in needed:
            points[i + 1] = state

    out = np.empty((v.shape[0], steps, v.shape[1], 3), dtype=np.float64)
    for k, (pos, index) in enumerate(zip(positions, indices)):
        fraction = pos - index
        for axis in range(3):
            left = points[index][axis]
            out[:, k, :, axis] = left if fraction == 0 else left + (fraction * (points[index + 1][axis] - left))
    return out.reshape(v.shape[0], steps, -1).astype(np.float32)
