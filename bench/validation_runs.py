#!/usr/bin/env python3
"""Monte Carlo against exact references (issue 5, docs/validation.md), through `hj mc`.

  --part quadrature  the separable double well b = (2x - 2x^3, -y), A = I, from (-1, 0) to the
                     half-plane x >= 0: mean exit time against the exact 1-d quadrature, over eps
  --part kramers     the same well on both sides, from (-1, 0) until within 0.2 of (1, 0):
                     mean transition time against Eyring-Kramers, pi / sqrt(2) e^(1/eps)
                     (V* = 1), over V*/eps = 4 .. 9
  --part splitting   the separable double well again, with the box widened to |y| <= 1.5, by
                     adaptive multilevel splitting on the computed V (jet, n = 129) against the
                     exact quadrature, over V*/eps = 4 .. 30, with the work (steps) for a 10%
                     relative error next to what brute force would need
  --part barriers    hj validate (defaults: brute force at V*/eps = 4..8, splitting at 12, 16,
                     20) on linear-rot, cubic-rot, double-well-rot (f = 1), maier-stein
                     (beta = 3) and quadratic-sgd (minibatch noise): fitted against solver V*
  --part fokker-planck  hj fokker-planck on linear-rot (p = exp(-V/eps) / Z exactly) at
                     eps = 0.1: -eps log p against V by level set, over n = 65 .. 513

Writes a JSON file (--json) and prints a Markdown table. Uses /usr/bin/python3 (numpy).
"""
import argparse
import json
import math
import os
import subprocess
import sys
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def hj_mc(hj, example, settings):
    with tempfile.TemporaryDirectory() as out:
        args = [hj, "mc", example, "-o", out, "-q"]
        for key, value in settings.items():
            args += ["--set", f"{key}={value}"]
        subprocess.run(args, check=True)
        with open(os.path.join(out, "mc.json")) as f:
            return json.load(f)


def exit_time_1d(drift, eps, lower, upper, x0, n=400000):
    """E[tau] of dX = b dt + sqrt(eps) dW on (lower, upper), both ends absorbing (the formula of
    validation/first_passage_1d.hpp, here in numpy as an independent implementation)."""
    x = np.linspace(lower, upper, n + 1)
    D = eps / 2
    b = drift(x)
    phi = np.concatenate([[0.0], np.cumsum(0.5 * (b[1:] + b[:-1]) * np.diff(x))]) / D
    # int_lower^y e^(phi(z) - phi(y)) / D dz, accumulated in logarithms (barriers of hundreds
    # of eps overflow any other way).
    h = np.diff(x)
    log_pieces = np.log(0.5 * h) + np.logaddexp(phi[1:], phi[:-1])
    log_inner = np.concatenate([[-np.inf], np.logaddexp.accumulate(log_pieces)])
    J = np.exp(log_inner - phi) / D
    E = np.concatenate([[0.0], np.cumsum(0.5 * (np.exp(phi.min() - phi[1:]) + np.exp(phi.min() - phi[:-1])) * np.diff(x))])
    K = np.concatenate([[0.0], np.cumsum(0.5 * (J[1:] + J[:-1]) * np.diff(x))])
    T = K[-1] * E / E[-1] - K
    return float(np.interp(x0, x, T))


def quadrature(hj, paths):
    example = os.path.join(ROOT, "examples", "mc-double-well.toml")
    rows = []
    for eps in [0.5, 0.33333333333, 0.25, 0.2, 0.16666666667]:
        j = hj_mc(hj, example, {"mc.eps": eps, "mc.paths": paths, "mc.seed": 1})
        exact = exit_time_1d(lambda x: 2 * x - 2 * x**3, eps, -3.0, 0.0, -1.0)
        t = j["exit_time"]
        rows.append({"eps": eps, "V_over_eps": 1 / eps, "exact": exact, "mean": t["mean"],
                     "standard_error": t["standard_error"], "ci95": t["ci95"],
                     "z": (t["mean"] - exact) / t["standard_error"],
                     "cv": t["coefficient_of_variation"], "dt": j["settings"]["dt"],
                     "paths": paths, "steps": j["steps"], "seconds": j["timing"]["simulate_s"]})
        print(f"| {1 / eps:.0f} | {eps:.4g} | {exact:.5g} | {t['mean']:.5g} +- {t['standard_error']:.3g} "
              f"| {rows[-1]['z']:+.2f} | {t['coefficient_of_variation']:.3f} | {j['steps']:.3g} | {j['timing']['simulate_s']:.1f} |",
              flush=True)
    return rows


def kramers(hj, paths, ratios):
    example = os.path.join(ROOT, "examples", "mc-double-well.toml")
    rows = []
    for v_over_eps in ratios:
        eps = 1.0 / v_over_eps
        settings = {"mc.eps": eps, "mc.paths": paths, "mc.seed": 1, "mc.max_time": 1e7,
                    "domain.lower": "[-2.0, -1.0]", "domain.upper": "[2.0, 1.0]",
                    "exit.type": '"basin"', "exit.attractor": "[1.0, 0.0]", "exit.radius": 0.2}
        j = hj_mc(hj, example, settings)
        # Eyring-Kramers for dX = -grad U dt + sqrt(eps) dW, U = (x^2 - 1)^2 / 2 + y^2 / 2:
        # 2 pi / |lambda_s| sqrt(|det H_s| / det H_min) e^(2 dU / eps), lambda_s = -2,
        # det H_s = -2, det H_min = 4, 2 dU = V* = 1.
        ek = 2 * math.pi / 2 * math.sqrt(2 / 4) * math.exp(1 / eps)
        t = j["exit_time"]
        rows.append({"V_over_eps": v_over_eps, "eps": eps, "eyring_kramers": ek, "mean": t["mean"],
                     "standard_error": t["standard_error"], "ci95": t["ci95"],
                     "ratio": t["mean"] / ek, "ratio_se": t["standard_error"] / ek,
                     "cv": t["coefficient_of_variation"], "censored": j["censored"],
                     "dt": j["settings"]["dt"], "paths": paths, "steps": j["steps"],
                     "seconds": j["timing"]["simulate_s"]})
        print(f"| {v_over_eps:g} | {eps:.4g} | {ek:.5g} | {t['mean']:.5g} +- {t['standard_error']:.3g} "
              f"| {rows[-1]['ratio']:.3f} +- {rows[-1]['ratio_se']:.3f} | {t['coefficient_of_variation']:.3f} "
              f"| {j['censored']} | {j['steps']:.3g} | {j['timing']['simulate_s']:.0f} |", flush=True)
    return rows


def fokker_planck(hj, sizes):
    example = os.path.join(ROOT, "examples", "linear-rot.toml")
    rows = []
    for n in sizes:
        with tempfile.TemporaryDirectory() as out:
            subprocess.run([hj, "fokker-planck", example, "--set", "fp.eps=0.1", "--set",
                            f"domain.n={n}", "-o", out, "-q"], check=True)
            with open(os.path.join(out, "fokker-planck.json")) as f:
                j = json.load(f)
        levels = {entry["V_at_most"]: entry["max"] for entry in j["comparison_with_exact_V"]["by_level"]}
        rows.append({"n": n, "by_level": levels, "max": j["comparison_with_exact_V"]["max"],
                     "solve_s": j["timing"]["solve_s"], "assemble_s": j["timing"]["assemble_s"],
                     "solver": j["solver"]})
        order = ""
        if len(rows) > 1:
            order = " | " + " | ".join(f"{math.log2(rows[-2]['by_level'][l] / levels[l]):.2f}" for l in (0.5, 1.0, 2.0))
        print(f"| {n} | {levels[0.5]:.3g} | {levels[1.0]:.3g} | {levels[2.0]:.3g} | {levels[4.0]:.3g} "
              f"| {j['timing']['assemble_s']:.2f} | {j['timing']['solve_s']:.2f}{order} |", flush=True)
    return rows


def splitting(hj, ratios, runs, replicas):
    example = os.path.join(ROOT, "examples", "mc-double-well.toml")
    rows = []
    for v_over_eps in ratios:
        eps = 1.0 / v_over_eps
        j = hj_mc(hj, example, {"mc.method": '"splitting"', "mc.eps": eps, "domain.n": 129,
                                "domain.lower": "[-2.0, -1.5]", "domain.upper": "[0.0, 1.5]",
                                "splitting.runs": runs, "splitting.replicas": replicas})
        exact = exit_time_1d(lambda x: 2 * x - 2 * x**3, eps, -3.0, 0.0, -1.0)
        t = j["exit_time"]
        rel = t["standard_error"] / t["mean"]
        work_10 = j["steps"] * (rel / 0.1) ** 2
        brute_10 = 100 * exact / j["settings"]["dt"]  # 100 exits: 10% (exponential times)
        rows.append({"V_over_eps": v_over_eps, "eps": eps, "exact": exact, "mean": t["mean"],
                     "standard_error": t["standard_error"], "z": (t["mean"] - exact) / t["standard_error"],
                     "probability": j["splitting"]["probability"], "steps": j["steps"],
                     "seconds": j["timing"]["simulate_s"], "relative_se": rel,
                     "work_for_10_percent": work_10, "brute_force_work_for_10_percent": brute_10})
        print(f"| {v_over_eps:g} | {exact:.4g} | {t['mean']:.4g} +- {t['standard_error']:.2g} | {rows[-1]['z']:+.2f} "
              f"| {j['splitting']['probability']:.3g} | {j['steps']:.3g} | {j['timing']['simulate_s']:.1f} "
              f"| {work_10:.3g} | {brute_10:.3g} | {brute_10 / work_10:.3g} |", flush=True)
    return rows


BARRIER_CASES = [
    ("linear-rot", "linear-rot-jet.toml", {}),
    ("cubic-rot", "cubic-rot.toml", {}),
    ("double-well-rot", "double-well-rot.toml", {"domain.lower": "[-2.0, -1.5]", "domain.upper": "[0.0, 1.5]"}),
    ("maier-stein", "maier-stein.toml", {"domain.lower": "[-2.0, -1.5]", "domain.upper": "[0.0, 1.5]"}),
    ("quadratic-sgd", "quadratic-sgd.toml", {}),
]


def barriers(hj, cases):
    rows = []
    for name, example, settings in BARRIER_CASES:
        if cases and name not in cases:
            continue
        settings = dict(settings, **{"solver.type": '"jet"', "solver.stop": '"all"', "domain.n": 257})
        with tempfile.TemporaryDirectory() as out:
            args = [hj, "validate", os.path.join(ROOT, "examples", example), "-o", out, "-q"]
            for key, value in settings.items():
                args += ["--set", f"{key}={value}"]
            subprocess.run(args, check=True)
            with open(os.path.join(out, "validation.json")) as f:
                j = json.load(f)
        b = j["barrier"]
        failed = [r["name"] for r in j["rules"] if not r["pass"]]
        seconds = sum(r["seconds"] for r in j["runs"])
        rows.append({"problem": name, "barrier": b, "rules": j["rules"], "runs": j["runs"],
                     "seconds": seconds})
        print(f"| {name} | {b['solver']:.4f} at {[round(w, 3) for w in b['where']]} | {b['fit']:.4f} "
              f"[{b['fit_ci95'][0]:.4f}, {b['fit_ci95'][1]:.4f}] | {b['chi2_per_dof']:.2f} "
              f"| {', '.join(failed) if failed else 'all pass'} | {seconds:.0f} |", flush=True)
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--hj", default=os.path.join(ROOT, "build", "hj"))
    parser.add_argument("--part", choices=["quadrature", "kramers", "splitting", "barriers", "fokker-planck"], required=True)
    parser.add_argument("--paths", type=int, default=4000)
    parser.add_argument("--ratios", type=float, nargs="+", default=[4, 5, 6, 7, 8])
    parser.add_argument("--sizes", type=int, nargs="+", default=[65, 129, 257, 513])
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--replicas", type=int, default=200)
    parser.add_argument("--cases", nargs="*", default=[])
    parser.add_argument("--json")
    args = parser.parse_args()
    if args.part == "quadrature":
        print("| V*/eps | eps | exact E[tau] | hj mc mean +- s.e. | z | CV | steps | s |")
        print("|---|---|---|---|---|---|---|---|")
        rows = quadrature(args.hj, args.paths)
    elif args.part == "splitting":
        print("| V*/eps | exact E[tau] | splitting +- s.e. | z | p | steps | s | steps for 10% | brute force for 10% | ratio |")
        print("|---|---|---|---|---|---|---|---|---|---|")
        rows = splitting(args.hj, args.ratios, args.runs, args.replicas)
    elif args.part == "barriers":
        print("| problem | solver V* (where) | fitted V* [95%] | chi^2/dof | rules | simulation s |")
        print("|---|---|---|---|---|---|")
        rows = barriers(args.hj, args.cases)
    elif args.part == "fokker-planck":
        print("| n | max, V <= 0.5 | V <= 1 | V <= 2 | V <= 4 | assemble s | solve s | orders (0.5, 1, 2) |")
        print("|---|---|---|---|---|---|---|---|")
        rows = fokker_planck(args.hj, args.sizes)
    else:
        print("| V*/eps | eps | Eyring-Kramers | hj mc mean +- s.e. | ratio | CV | censored | steps | s |")
        print("|---|---|---|---|---|---|---|---|---|")
        rows = kramers(args.hj, args.paths, args.ratios)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"part": args.part, "command": " ".join(sys.argv), "rows": rows}, f, indent=1)


if __name__ == "__main__":
    main()
