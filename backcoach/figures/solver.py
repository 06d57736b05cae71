"""A small damped least-squares solver (Levenberg–Marquardt) for placing the figure.

Pose files give joint angles by eye; the solver nudges the few angles a file allows, and
the root position, until the declared contacts touch their supports and nothing sinks
into the floor, while staying as close as it can to what the author wrote.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

Residuals = Callable[[dict[str, float]], list[float]]

_DEG = math.pi / 180.0


def _unit(key: str) -> float:
    """Solve in radians and metres so both kinds of variable weigh alike."""
    return 1.0 if key.endswith((".x", ".y", ".z")) else _DEG


def least_squares(
    pose: dict[str, float],
    variables: Sequence[str],
    residuals: Residuals,
    iterations: int = 60,
) -> dict[str, float]:
    pose = dict(pose)
    units = [_unit(k) for k in variables]
    x = [pose.get(k, 0.0) * u for k, u in zip(variables, units, strict=True)]

    def evaluate(values: list[float]) -> list[float]:
        for k, v, u in zip(variables, values, units, strict=True):
            pose[k] = v / u
        return residuals(pose)

    r = evaluate(x)
    cost = sum(v * v for v in r)
    damping = 1e-3
    n = len(x)
    for _ in range(iterations):
        if cost < 1e-12:
            break
        jac = _jacobian(evaluate, x, r)
        a = [
            [sum(jac[k][i] * jac[k][j] for k in range(len(r))) for j in range(n)] for i in range(n)
        ]
        g = [sum(jac[k][i] * r[k] for k in range(len(r))) for i in range(n)]
        improved = False
        for _attempt in range(20):
            m = [row[:] for row in a]
            for i in range(n):
                m[i][i] += damping * (a[i][i] + 1e-6)
            step = _solve_linear(m, [-v for v in g])
            trial = [xi + si for xi, si in zip(x, step, strict=True)]
            r_trial = evaluate(trial)
            cost_trial = sum(v * v for v in r_trial)
            if cost_trial < cost:
                x, r, improved = trial, r_trial, True
                small = max(abs(s) for s in step) < 1e-7
                cost = cost_trial
                damping = max(damping / 3, 1e-9)
                break
            damping *= 4
        if not improved or small:
            break
    evaluate(x)
    return pose


def _jacobian(
    evaluate: Callable[[list[float]], list[float]], x: list[float], r: list[float]
) -> list[list[float]]:
    h = 1e-5
    cols: list[list[float]] = []
    for i in range(len(x)):
        shifted = x[:]
        shifted[i] += h
        cols.append([(a - b) / h for a, b in zip(evaluate(shifted), r, strict=True)])
    return [[cols[i][k] for i in range(len(x))] for k in range(len(r))]


def _solve_linear(m: list[list[float]], b: list[float]) -> list[float]:
    """Gaussian elimination with partial pivoting; the systems have a dozen unknowns."""
    n = len(b)
    aug = [[*row, b[i]] for i, row in enumerate(m)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(aug[r][col]))
        aug[col], aug[pivot] = aug[pivot], aug[col]
        p = aug[col][col]
        if abs(p) < 1e-15:
            continue
        for r in range(col + 1, n):
            f = aug[r][col] / p
            if f:
                for c in range(col, n + 1):
                    aug[r][c] -= f * aug[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        p = aug[r][r]
        s = aug[r][n] - sum(aug[r][c] * out[c] for c in range(r + 1, n))
        out[r] = s / p if abs(p) > 1e-15 else 0.0
    return out
