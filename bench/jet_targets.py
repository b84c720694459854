#!/usr/bin/python3
"""Jet marching against issue 3's targets on linear-rot (a = 2, c = 1, box [-4/3,4/3] x [-2,2]).

For N = 257, 513, 1025 (or --sizes) solves the problem of examples/linear-rot-jet.toml with the
default jet settings and records the max/rms errors of V and grad V inside the level set
2x^2 + y^2 <= 3.5 and their observed orders; at every N it also times the first-order fast
marching baseline (solver.type = fmm, same grid, same stopping rule) in the same run, `--repeats`
times each, alternating, and reports medians and the ratio jet / fmm. Single thread (hj is).
Results go to stdout as Markdown and to --json.

usage: /usr/bin/python3 bench/jet_targets.py [--sizes 257 513 1025] [--repeats 3]
                                              [--json docs/data/jet-linear-rot.json]
"""
import argparse
import json
import math
import os
import statistics
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HJ = os.path.join(ROOT, "build", "hj")
# examples/linear-rot-jet.toml without its jet-only keys, so that fmm runs the same problem.
PROBLEM = """[problem]
type = "linear-rot"
a = 2.0
c = 1.0
[domain]
lower = [-1.3333333333333333, -2.0]
upper = [1.3333333333333333, 2.0]
[solver]
stop = "level"
vmax = 3.5
"""


def solve(n, solver):
    with tempfile.TemporaryDirectory() as out:
        problem = os.path.join(out, "problem.toml")
        with open(problem, "w") as f:
            f.write(PROBLEM)
        subprocess.run([HJ, "solve", problem, "-q", "-o", out, "--set", "domain.n=%d" % n,
                        "--set", "solver.type=%s" % solver, "--set", "output.field=false"],
                       check=True)
        with open(os.path.join(out, "summary.json")) as f:
            return json.load(f)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[257, 513, 1025])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", default=None)
    args = parser.parse_args()
    rows = []
    for n in args.sizes:
        jet_times, fmm_times, summary = [], [], None
        for _ in range(args.repeats):
            summary = solve(n, "jet")
            jet_times.append(summary["timing"]["solve_s"])
            fmm_times.append(solve(n, "fmm")["timing"]["solve_s"])
        e = summary["error"]
        rows.append({"n": n, "max": e["max"], "rms": e["rms"], "grad_max": e["grad_max"],
                     "grad_rms": e["grad_rms"], "nodes": e["nodes"],
                     "radius": summary["solver_details"].get("search_radius_used", summary["solver_details"].get("search_radius_steps")),
                     "seed_radius": summary["options"]["solver.seed_radius"],
                     "jet_s": statistics.median(jet_times), "fmm_s": statistics.median(fmm_times),
                     "peak_rss_bytes": summary["memory"]["peak_rss_bytes"]})
    print("| N | K | max error | order | rms | grad max | order | grad rms | jet s | fmm s | jet/fmm |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for i, r in enumerate(rows):
        def order(key):
            if i == 0:
                return "-"
            p = rows[i - 1]
            return "%.2f" % (math.log(p[key] / r[key]) / math.log(r["n"] / p["n"]))
        print("| %d | %s | %.2e | %s | %.2e | %.2e | %s | %.2e | %.3f | %.3f | %.1f |" %
              (r["n"], r["radius"], r["max"], order("max"), r["rms"], r["grad_max"],
               order("grad_max"), r["grad_rms"], r["jet_s"], r["fmm_s"], r["jet_s"] / r["fmm_s"]))
    if len(rows) > 1:
        first, last = rows[0], rows[-1]
        print("\norder of the max error from N = %d to %d: %.2f" %
              (first["n"], last["n"],
               math.log(first["max"] / last["max"]) / math.log(last["n"] / first["n"])))
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"command": "bench/jet_targets.py", "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
