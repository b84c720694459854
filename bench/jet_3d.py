#!/usr/bin/python3
"""Jet marching in 3-d against issue 3's targets: order >= 1.8 from 65^3 to 129^3 on linear-rot's
3-d analogue (examples/linear-rot-3d.toml) and on linear-nd with a random anisotropic constant A
of condition number 10 (examples/linear-3d.toml); peak memory per node; time per node and how it
grows with N.

Each case solves inside the level set V <= 0.9 (the examples' settings) with output.field = false
and records from summary.json: the max/rms errors of V and grad V, the observed orders between
successive sizes, the solve time, the nodes accepted, and the process's peak resident memory
(`memory.peak_rss_bytes`) divided by the grid's node count. Single thread (hj is).
Results go to stdout as Markdown and to --json.

usage: /usr/bin/python3 bench/jet_3d.py [--cases linear-rot-3d linear-3d] [--sizes 33 65 129]
                                        [--json docs/data/jet-3d.json] [--set key=value ...]
"""
import argparse
import json
import math
import os
import subprocess
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HJ = os.path.join(ROOT, "build", "hj")


def solve(case, n, extra):
    with tempfile.TemporaryDirectory() as out:
        command = [HJ, "solve", os.path.join(ROOT, "examples", case + ".toml"), "-q", "-o", out,
                   "--set", "domain.n=%d" % n, "--set", "output.field=false"]
        for setting in extra:
            command += ["--set", setting]
        subprocess.run(command, check=True)
        with open(os.path.join(out, "summary.json")) as f:
            return json.load(f)


def order(coarse, fine, h_coarse, h_fine):
    return math.log(coarse / fine) / math.log(h_coarse / h_fine)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", nargs="+", default=["linear-rot-3d", "linear-3d"])
    parser.add_argument("--sizes", type=int, nargs="+", default=[33, 65, 129])
    parser.add_argument("--json", default=None)
    parser.add_argument("--set", dest="settings", action="append", default=[])
    args = parser.parse_args()
    results = {}
    for case in args.cases:
        rows = []
        for n in args.sizes:
            s = solve(case, n, args.settings)
            rows.append({
                "n": n,
                "h": 2.0 / (n - 1),
                "radius": s["solver_details"].get("search_radius_used", s["solver_details"].get("search_radius_steps")),
                "max": s["error"]["max"],
                "rms": s["error"]["rms"],
                "grad_max": s["error"]["grad_max"],
                "grad_rms": s["error"]["grad_rms"],
                "accepted": s["statistics"]["accepted"],
                "nodes": s["nodes"],
                "solve_s": s["timing"]["solve_s"],
                "peak_rss_bytes": s["memory"]["peak_rss_bytes"],
            })
        results[case] = rows
        print("### %s (jet, V <= 0.9)\n" % case)
        print("| n | K | max error | order | rms | order | grad max | order | accepted | "
              "solve s | us / accepted node | peak RSS / node [B] |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for k, r in enumerate(rows):
            def o(key):
                if k == 0:
                    return "-"
                p = rows[k - 1]
                return "%.2f" % order(p[key], r[key], p["h"], r["h"])
            print("| %d | %s | %.3e | %s | %.3e | %s | %.3e | %s | %d | %.2f | %.1f | %.1f |" % (
                r["n"], r["radius"], r["max"], o("max"), r["rms"], o("rms"), r["grad_max"],
                o("grad_max"), r["accepted"], r["solve_s"], 1e6 * r["solve_s"] / r["accepted"],
                r["peak_rss_bytes"] / r["nodes"]))
        print()
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, indent=1)


if __name__ == "__main__":
    main()
