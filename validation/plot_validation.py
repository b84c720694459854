#!/usr/bin/env python3
"""The PNG plots of `hj validate DIR` (called by hj with Debian's /usr/bin/python3 and
matplotlib), from DIR/validation.json, DIR/exits-<k>.csv and the fields:

  barrier.png         log E[tau] against 1/eps with 95% bars, the fitted line and a line of
                      the solver's slope V* through the fit at the smallest eps
  exit_locations.png  where the brute-force paths left (histograms along the coordinate they
                      spread in, one per eps) and the minimiser of V on the boundary
  v_vs_fp.png         -eps log p from the stationary Fokker-Planck solution and V along the
                      line from the attractor to the minimiser of V on the boundary, and (2-d)
                      both as maps (when hj validate solved it)
"""
import json
import math
import os
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402


def barrier_plot(j, out):
    fig, ax = plt.subplots(figsize=(6, 4.5))
    b = j["barrier"]
    xs, labelled = [], set()
    for run in j["runs"]:
        if not (run["mean_exit_time"] and run["mean_exit_time"] > 0):
            continue
        x = 1 / run["eps"]
        y = math.log(run["mean_exit_time"])
        err = 1.96 * run["standard_error"] / run["mean_exit_time"]
        marker = "o" if run["method"] == "brute-force" else "s"
        ax.errorbar(x, y, yerr=err, fmt=marker, color="C0" if marker == "o" else "C1",
                    capsize=3, label=None if run["method"] in labelled else run["method"])
        labelled.add(run["method"])
        xs.append(x)
    grid = np.linspace(min(xs), max(xs), 200)
    ax.plot(grid, b["fit"] * grid + b["fit_c0"] + b["fit_c1"] / grid, "k-",
            label=f"fit: V* = {b['fit']:.4g} [{b['fit_ci95'][0]:.4g}, {b['fit_ci95'][1]:.4g}]")
    x0 = min(xs)
    y0 = b["fit"] * x0 + b["fit_c0"] + b["fit_c1"] / x0
    ax.plot(grid, y0 + b["solver"] * (grid - x0), "r--", label=f"solver slope V* = {b['solver']:.4g}")
    ax.set_xlabel("1 / eps")
    ax.set_ylabel("log E[tau]")
    ax.set_title(f"{j['problem']}: mean exit time")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "barrier.png"), dpi=120)
    plt.close(fig)


def exit_plot(j, out):
    """Histograms of the exit points along the coordinate in which they spread most (for a flat
    exit boundary, the one along it), one per eps, and the minimiser of V there."""
    runs = []
    for run in j["runs"]:
        if run["method"] != "brute-force":
            continue
        data = np.loadtxt(os.path.join(out, run["exit_points"]), delimiter=",", skiprows=1, ndmin=2)
        if data.size:
            runs.append((run["eps"], data[:, : j["dim"]]))
    if not runs:
        return
    axis = int(np.argmax(np.concatenate([d for _, d in runs]).std(axis=0)))
    name = "xyz"[axis]
    fig, ax = plt.subplots(figsize=(6, 4.5))
    for eps, data in runs:
        ax.hist(data[:, axis], bins=40, density=True, histtype="step", label=f"eps = {eps:.3g}")
    ax.axvline(j["barrier"]["where"][axis], color="k", linestyle="--", label="minimiser of V")
    ax.set_xlabel(f"exit point, {name}")
    ax.set_ylabel("density")
    ax.set_title("exit locations: they gather at the minimiser as eps falls")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(out, "exit_locations.png"), dpi=120)
    plt.close(fig)


def fokker_planck_plot(j, out):
    """V and -eps log p along the segment from the attractor to the minimiser of V on the
    boundary (the nodes within a grid step of it), and, in 2-d, both as maps."""
    path = os.path.join(out, "fokker-planck.csv")
    if "fokker_planck" not in j or not os.path.exists(path):
        return
    data = np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)
    dim = j["dim"]
    X, V, F = data[:, :dim], data[:, dim], data[:, dim + 1]
    a = np.array(j["attractor"])
    b = np.array(j["barrier"]["where"])
    d = b - a
    t = np.clip((X - a) @ d / (d @ d), 0, 1)
    distance = np.linalg.norm(X - (a + np.outer(t, d)), axis=1)
    spacing = np.min(np.ptp(X, axis=0)) / max(2, round(len(X) ** (1 / dim)))
    near = distance <= 0.75 * spacing
    eps = j["fokker_planck"]["eps"]
    panels = 3 if dim == 2 else 1
    fig, axes = plt.subplots(1, panels, figsize=(5 * panels, 4.5))
    axes = np.atleast_1d(axes)
    order = np.argsort(t[near])
    axes[0].plot(t[near][order], V[near][order], "k-", label="V (solver)")
    axes[0].plot(t[near][order], F[near][order], "r.", markersize=3, label=f"-eps log p, eps = {eps:.3g}")
    axes[0].set_xlabel("attractor (0) to the boundary minimiser of V (1)")
    axes[0].set_title("along the line")
    axes[0].legend(fontsize=8)
    if dim == 2:
        top = j["barrier"]["solver"] * 1.5
        levels = np.linspace(0, top, 16)
        for ax, values, title in ((axes[1], V, "V (solver)"), (axes[2], F, "-eps log p")):
            m = ax.tricontourf(X[:, 0], X[:, 1], values, levels=levels, extend="max")
            ax.set_title(title)
            ax.set_aspect("equal")
        fig.colorbar(m, ax=axes[1:].tolist(), shrink=0.8)
    fig.savefig(os.path.join(out, "v_vs_fp.png"), dpi=120, bbox_inches="tight")
    plt.close(fig)


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "validation.json")) as f:
        j = json.load(f)
    barrier_plot(j, out)
    exit_plot(j, out)
    fokker_planck_plot(j, out)


if __name__ == "__main__":
    main()
