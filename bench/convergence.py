#!/usr/bin/python3
"""Convergence of hj's solvers on problems with exact solutions (docs/convergence.md).

Runs `build/hj solve` on each example over a ladder of grids, reads summary.json, and prints
Markdown tables of the max and rms errors with their observed orders log2(e_coarse / e_fine),
and the solve time. --study fmm: the eikonal problems; --study olim: the quasi-potential of
linear-rot with each quadrature, inside the level set 2x^2 + y^2 <= 3.5 that fits the box;
--study metric: olim on metric problems (the ellipsoidal metric, Randers, the sheared metric);
--study jet: jet marching on the planar exact problems of benchmarks.md (defaults: the radius
per node), with the grad V error and the radius used.

usage: /usr/bin/python3 bench/convergence.py [--study fmm|olim|metric|jet] [--quick] > table.md
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HJ = os.path.join(ROOT, "build", "hj")

CASES = [
    # (title, example file, extra --set options)
    ("point source, 2-d", "eikonal-point.toml", ["problem.source=[0.1234, 0.0734]"]),
    ("two point sources (a shock), 2-d", "eikonal-two-sources.toml", []),
    ("slowness r, u = r^2/2, 2-d", "eikonal-radial.toml", ["solver.stop=all"]),
    ("point source, 3-d", "eikonal-point-3d.toml", []),
]


def solve(example, settings, n):
    with tempfile.TemporaryDirectory() as out:
        command = [HJ, "solve", os.path.join(ROOT, "examples", example), "-q", "-o", out,
                   "--set", "domain.n=%d" % n, "--set", "output.field=false"]
        for s in settings:
            command += ["--set", s]
        subprocess.run(command, check=True)
        with open(os.path.join(out, "summary.json")) as f:
            return json.load(f)


OLIM_CASES = [
    ("linear-rot, olim, " + rule, "linear-rot.toml", ["solver.quadrature=" + rule])
    for rule in ("midpoint", "trapezoid", "rhr")
]

JET = ["solver.type=jet"]
JET_CASES = [
    ("cubic-rot", "cubic-rot.toml", JET),
    ("quartic (degenerate attractor)", "quartic.toml", JET),
    ("double-well-rot", "double-well-rot.toml", JET),
    ("focus-in-cycle, f = 4", "focus-in-cycle.toml", JET),
    ("focus-in-cycle, f = 10, V <= 0.3", "focus-in-cycle.toml",
     JET + ["problem.f=10", "solver.vmax=0.3"]),
    ("linear-nd, 2-d defaults", "linear-nd.toml", JET),
    ("decomposed, variable A", "decomposed.toml", JET),
]

ELLIPSOID = "metric-ellipsoid.toml"
RANDERS = "metric-randers.toml"
METRIC_CASES = [
    ("ellipsoid, ratio 4, 2-d", ELLIPSOID, []),
    ("ellipsoid, ratio 10, 2-d", ELLIPSOID, ["problem.anisotropy=10"]),
    ("Randers, constant, two sources, 2-d", RANDERS, ["problem.shear=0"]),
] + [
    ("Randers, sheared (variable M and w), 2-d, " + rule, RANDERS, ["solver.quadrature=" + rule])
    for rule in ("midpoint", "trapezoid", "rhr")
] + [
    ("ellipsoid, ratio 4, 3-d", ELLIPSOID,
     ["domain.dim=3", "domain.lower=-1", "domain.upper=1", "solver.radius=3"]),
]


def table(title, example, settings, sizes, jet=False):
    """One Markdown table over the grids; jet=True adds grad V's max error and the radius used."""
    print("\n### %s, %s\n" % (title, ", ".join(settings) or "defaults"))
    norms = ("max", "rms", "grad_max") if jet else ("max", "rms")
    header = "| n | max error | order | rms error | order |"
    if jet:
        header += " grad max | order | K used |"
    print(header + " solve [s] |")
    print("|---" * (header.count("|") - 1) + "|---|")
    previous = None
    for n in sizes:
        s = solve(example, settings, n)
        e = s["error"]
        cells = ["%d" % n]
        for k in norms:
            rate = "%.2f" % math.log2(previous[k] / e[k]) if previous else ""
            cells += ["%.3e" % e[k] if k != "grad_max" else "%.2e" % e[k], rate]
        if jet:
            details = s["solver_details"]
            cells.append(details.get("search_radius_used", details.get("search_radius_steps")))
        cells.append("%.3f" % s["timing"]["solve_s"])
        print("| " + " | ".join(cells) + " |", flush=True)
        previous = e


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller grids")
    parser.add_argument("--study", choices=("fmm", "olim", "metric", "jet"), default="fmm")
    args = parser.parse_args()
    if args.study == "jet":
        sizes = [65, 129, 257] if args.quick else [65, 129, 257, 513, 1025]
        for title, example, settings in JET_CASES:
            table(title, example, settings, sizes, jet=True)
        return 0
    if args.study == "metric":
        for title, example, settings in METRIC_CASES:
            if "3-d" in title:
                sizes = [17, 33, 65]
            else:
                sizes = [129, 257, 513] if args.quick else [129, 257, 513, 1025]
            table(title, example, settings, sizes)
        return 0
    if args.study == "olim":
        sizes = [129, 257, 513] if args.quick else [129, 257, 513, 1025]
        for title, example, settings in OLIM_CASES:
            table(title, example, settings, sizes)
        return 0
    sizes_2d = [129, 257, 513, 1025] if args.quick else [129, 257, 513, 1025, 2049]
    sizes_3d = [33, 65, 129] if args.quick else [33, 65, 129, 257]
    for title, example, extra in CASES:
        sizes = sizes_3d if "3-d" in title else sizes_2d
        for order in (1, 2):
            for seed in ("automatic", "0.3"):
                settings = extra + ["solver.order=%d" % order]
                if seed != "automatic":
                    settings.append("solver.seed_radius=" + seed)
                table(title, example, settings, sizes)


if __name__ == "__main__":
    sys.exit(main())
