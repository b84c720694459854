#!/usr/bin/python3
"""The SGD results of docs/paper.md, each table and figure made by hj itself.

  --part convex      quadratic losses with constant noise: V against the Lyapunov closed form
                     (jet, 2-d and 3-d, every constant noise), errors and orders
  --part residual    the Hamilton-Jacobi residual 1/2 grad V^T A grad V - grad L . grad V on
                     computed fields (no exact V needed), and its convergence
  --part anisotropy  "anisotropic noise escapes faster": barriers at equal noise trace through
                     a loss level set and through a ball, against the closed forms
  --part sharp-flat  the sharp-vs-flat toy: barriers out of each well under each noise
  --part preference  which minimum SGD prefers (hj landscape's W-graphs) as the sharp well is
                     made deeper, under each noise: where depth decides and where noise does

Prints Markdown tables on stdout; --figures DIR writes the PNG figures there.
usage: /usr/bin/python3 bench/paper.py --part convex|residual|anisotropy|sharp-flat|preference
           [--figures DIR]
"""
import argparse
import json
import math
import os
import subprocess
import tempfile

import numpy as np

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HJ = os.path.join(ROOT, "build", "hj")


def run_hj(command, example, settings, read):
    """Runs `hj COMMAND example -q -o DIR --set ...` and returns read(DIR)."""
    with tempfile.TemporaryDirectory() as out:
        arguments = [HJ, command, os.path.join(ROOT, "examples", example), "-q", "-o", out]
        for s in settings:
            arguments += ["--set", s]
        subprocess.run(arguments, check=True)
        return read(out)


def read_json(path):
    with open(path) as f:
        return json.load(f)


def solve(example, settings, field=False):
    """hj solve; returns (summary, field arrays or None)."""
    return run_hj("solve", example, settings + ["output.field=%s" % str(field).lower()],
                  lambda out: (read_json(os.path.join(out, "summary.json")),
                               read_field(os.path.join(out, "field.vti")) if field else None))


def read_field(path):
    import vtk
    from vtk.util.numpy_support import vtk_to_numpy
    reader = vtk.vtkXMLImageDataReader()
    reader.SetFileName(path)
    reader.Update()
    image = reader.GetOutput()
    nx, ny, _ = image.GetDimensions()
    data = image.GetPointData()
    field = {"origin": image.GetOrigin()[:2], "spacing": image.GetSpacing()[:2], "shape": (ny, nx)}
    for name in ("u", "exact", "flags"):
        array = data.GetArray(name)
        if array is not None:
            field[name] = vtk_to_numpy(array).reshape(ny, nx)
    return field


def interpolate(field, name, x, y):
    """Bilinear interpolation of a 2-d field at points (x, y)."""
    (x0, y0), (hx, hy), (ny, nx) = field["origin"], field["spacing"], field["shape"]
    fx, fy = (np.asarray(x) - x0) / hx, (np.asarray(y) - y0) / hy
    i = np.clip(np.floor(fx).astype(int), 0, nx - 2)
    j = np.clip(np.floor(fy).astype(int), 0, ny - 2)
    tx, ty = fx - i, fy - j
    v = field[name]
    return ((1 - tx) * (1 - ty) * v[j, i] + tx * (1 - ty) * v[j, i + 1] +
            (1 - tx) * ty * v[j + 1, i] + tx * ty * v[j + 1, i + 1])


def order(e_coarse, e_fine):
    return "-" if not (e_coarse and e_fine) else "%.2f" % math.log2(e_coarse / e_fine)


def level_inside(example, settings):
    """0.9 of the barrier (min of V on the box boundary) from a coarse solve: every path to a
    node with V below the barrier stays in the box, so there the box does not change V."""
    s, _ = solve(example, settings + ["domain.n=33", "solver.stop=all"])
    return 0.9 * s["barrier"]["value"]


def convex_table(noises, common, constant_matrix, sizes):
    """Errors against the Lyapunov V for each noise over a ladder of grids; returns the curves
    (h, max error) per noise."""
    print("| noise | V* | n | max error | order | rms | order | grad max | solve s |")
    print("|---|---|---|---|---|---|---|---|---|")
    curves = {}
    for noise in noises:
        settings = common + ["noise.type=%s" % noise]
        if noise == "constant":
            settings.append("noise.matrix=%s" % constant_matrix)
        vmax = level_inside("quadratic-sgd.toml", settings)
        previous = None
        for n in sizes:
            s, _ = solve("quadratic-sgd.toml", settings + [
                "domain.n=%d" % n, "solver.stop=level", "solver.vmax=%.6g" % vmax])
            e = s["error"]
            print("| %s | %.4g | %d | %.3e | %s | %.3e | %s | %.3e | %.2f |" % (
                noise, vmax / 0.9, n, e["max"], order(previous and previous["max"], e["max"]),
                e["rms"], order(previous and previous["rms"], e["rms"]), e["grad_max"],
                s["timing"]["solve_s"]))
            curves.setdefault(noise, []).append((2.0 / (n - 1), e["max"]))
            previous = e
    return curves


def convex(figures):
    noises = ["isotropic", "hessian", "minibatch", "diagonal", "constant"]
    print("### 2-d: H = diag(10, 1), noise of trace 2 at the minimum, jet, V <= 0.9 V*\n")
    curves = convex_table(noises, ["noise.trace=2"], "[[1.0, 0.3], [0.3, 0.5]]", (65, 129, 257))
    print("\n### 3-d: H = diag(10, 3, 1), noise of trace 3 at the minimum, jet, V <= 0.9 V*\n")
    convex_table(noises, ["model.hessian=[[10.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 1.0]]",
                          "domain.lower=[-1.0, -1.0, -1.0]", "domain.upper=[1.0, 1.0, 1.0]",
                          "noise.trace=3"],
                 "[[1.0, 0.2, 0.0], [0.2, 0.5, 0.1], [0.0, 0.1, 0.8]]", (17, 33, 65))
    if figures:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(5, 4))
        for noise, points in curves.items():
            h, e = zip(*points)
            ax.loglog(h, e, "o-", label=noise)
        h = np.array([2 / 64, 2 / 256])
        ax.loglog(h, 2e-4 * (h / h[0]) ** 2, "k--", label="order 2")
        ax.set_xlabel("h")
        ax.set_ylabel("max |V - V_Lyapunov| (V <= 0.9 V*)")
        ax.set_title("quadratic loss, constant noise (jet, 2-d)")
        ax.legend()
        fig.tight_layout()
        fig.savefig(os.path.join(figures, "convex-errors.png"), dpi=120)


def residual(figures):
    cases = [
        ("quadratic, isotropic noise", "quadratic-sgd.toml",
         ["noise.type=isotropic", "solver.type=jet"]),
        ("logistic regression, minibatch noise", "sgd-logistic-regression.toml",
         ["solver.type=jet"]),
        ("sharp-flat, minibatch noise, flat well", "sgd-sharp-flat.toml", ["solver.type=jet"]),
    ]
    print("| problem | n | residual max | order | residual rms | order | max at | solve s |")
    print("|---|---|---|---|---|---|---|---|")
    curves = {}
    for title, example, settings in cases:
        previous = None
        for n in (65, 129, 257):
            s, _ = solve(example, settings + ["domain.n=%d" % n])
            r = s["residual"]
            print("| %s | %d | %.3e | %s | %.3e | %s | %s | %.2f |" % (
                title, n, r["max"], order(previous and previous["max"], r["max"]), r["rms"],
                order(previous and previous["rms"], r["rms"]),
                "[%.3g, %.3g]" % tuple(r["max_at"]), s["timing"]["solve_s"]))
            curves.setdefault(title, []).append((s["domain"]["spacing"][0], r["rms"]))
            previous = r
    if figures:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(5, 4))
        for title, points in curves.items():
            h, r = zip(*points)
            ax.loglog(h, np.array(r) / r[0], "o-", label=title)
        h = np.array(curves[cases[0][0]])[:, 0]
        ax.loglog(h, (h / h[0]) ** 1, "k--", label="order 1")
        ax.loglog(h, (h / h[0]) ** 2, "k:", label="order 2")
        ax.set_xlabel("h")
        ax.set_ylabel("rms residual / its value at the coarsest grid")
        ax.set_title("|1/2 grad V^T A grad V - grad L . grad V| (jet)")
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(figures, "hj-residual.png"), dpi=120)


def quadratic_form(field):
    """P with V = 1/2 x^T P x, read off the exact (Lyapunov) values at three nodes by the
    origin: the closed form itself, evaluated anywhere without interpolation."""
    (x0, y0), (hx, hy), (ny, nx) = field["origin"], field["spacing"], field["shape"]
    i0, j0 = int(round(-x0 / hx)), int(round(-y0 / hy))
    v = field["exact"]
    pxx = 2 * v[j0, i0 + 4] / (4 * hx) ** 2
    pyy = 2 * v[j0 + 4, i0] / (4 * hy) ** 2
    pxy = (v[j0 + 4, i0 + 4] - v[j0, i0 + 4] - v[j0 + 4, i0]) / (4 * hx * 4 * hy)
    return np.array([[pxx, pxy], [pxy, pyy]])


def boundary_minima(field, kappa, level, radius):
    """min of V over {L = level} and over {|x| = radius}: hj's field interpolated (bilinear),
    the closed form exactly, and the difference of the two fields under the same
    interpolation (what the solver's error alone moves the barrier by)."""
    t = np.linspace(0, 2 * np.pi, 20001)
    ellipse = (np.sqrt(2 * level / kappa) * np.cos(t), np.sqrt(2 * level) * np.sin(t))
    circle = (radius * np.cos(t), radius * np.sin(t))
    P = quadratic_form(field)
    out = {}
    for name, (x, y) in (("level", ellipse), ("ball", circle)):
        closed = (0.5 * (P[0, 0] * x * x + 2 * P[0, 1] * x * y + P[1, 1] * y * y)).min()
        computed = interpolate(field, "u", x, y).min()
        solver_error = abs(computed - interpolate(field, "exact", x, y).min())
        out[name] = (computed, closed, solver_error)
    return out


def anisotropy(figures):
    level, radius, trace = 0.5, 1.0, 2.0
    print("H = diag(kappa, 1); every noise rescaled to tr A = %g at the minimum; exit through the "
          "level set L = %g or the ball |x| = %g; jet, n = 257 on [-1.25, 1.25]^2.\n" %
          (trace, level, radius))
    print("hj: min of the computed field, interpolated bilinearly, over the exit set; closed "
          "form: the Lyapunov V's exact minimum there; solver: how much hj's error alone moves "
          "the barrier (computed and exact fields under the same interpolation).\n")
    print("| kappa | noise | V* level set (hj) | closed form | solver | V* ball (hj) | closed form "
          "| solver |")
    print("|---|---|---|---|---|---|---|---|")
    results = {}
    for kappa in (1, 2, 5, 10, 30):
        for noise in ("isotropic", "hessian", "minibatch"):
            s, field = solve("quadratic-sgd.toml", [
                "model.hessian=[[%g, 0.0], [0.0, 1.0]]" % kappa, "noise.type=%s" % noise,
                "noise.trace=%g" % trace, "domain.lower=[-1.25, -1.25]",
                "domain.upper=[1.25, 1.25]", "domain.n=257"], field=True)
            m = boundary_minima(field, kappa, level, radius)
            results[(kappa, noise)] = m
            print("| %g | %s | %.6f | %.6f | %.1e | %.6f | %.6f | %.1e |" % (
                kappa, noise, m["level"][0], m["level"][1], m["level"][2], m["ball"][0],
                m["ball"][1], m["ball"][2]))
    print("\nRatio of the barriers, Hessian-aligned over isotropic (closed forms): below 1 means "
          "the aligned noise escapes faster.\n")
    print("| kappa | through the level set | through the ball |")
    print("|---|---|---|")
    for kappa in (1, 2, 5, 10, 30):
        a, i = results[(kappa, "hessian")], results[(kappa, "isotropic")]
        print("| %g | %.3f | %.3f |" % (kappa, a["level"][1] / i["level"][1],
                                        a["ball"][1] / i["ball"][1]))
    if figures:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=(9, 3.8), sharey=False)
        kappas = (1, 2, 5, 10, 30)
        for ax, exit_set in zip(axes, ("level", "ball")):
            for noise, colour in (("isotropic", "C0"), ("hessian", "C1"), ("minibatch", "C2")):
                hj = [results[(k, noise)][exit_set][0] for k in kappas]
                exact = [results[(k, noise)][exit_set][1] for k in kappas]
                ax.semilogx(kappas, exact, "-", color=colour, label=noise + " (closed form)")
                ax.semilogx(kappas, hj, "o", color=colour, label=noise + " (hj)")
            ax.set_xlabel("kappa (H = diag(kappa, 1))")
            ax.set_ylabel("barrier V*")
            ax.set_title("exit through L = %g" % level if exit_set == "level"
                         else "exit through |x| = %g" % radius)
            ax.set_yscale("log")
        axes[0].legend(fontsize=7)
        fig.suptitle("equal-trace noise (tr A = %g)" % trace)
        fig.tight_layout()
        fig.savefig(os.path.join(figures, "anisotropy-barriers.png"), dpi=120)


def sharp_flat(figures):
    # The sharp well's basin is narrow: along (1, -1) the soft minimum turns to the flat well,
    # and the loss stops being convex, about 0.15 from its minimum (the Hessian noise needs it).
    radius, half_width = 0.1, 0.12
    wells = (("flat", (-1.0, -1.0)), ("sharp", (1.0, 1.0)))
    noises = [("minibatch, B = 1", ["noise.type=minibatch"]),
              ("minibatch, trace 1", ["noise.type=minibatch", "noise.trace=1"]),
              ("diagonal, trace 1", ["noise.type=diagonal", "noise.trace=1"]),
              ("isotropic, trace 1", ["noise.type=isotropic", "noise.trace=1"]),
              ("hessian, trace 1", ["noise.type=hessian", "noise.trace=1"])]
    print("Exit through the circle |x - x*| = %g around each minimum x*, computed on the box "
          "x* +- %g (jet, n = 129); tr A at x* as given.\n" % (radius, half_width))
    print("| noise | flat well V* | sharp well V* | tr A at the flat / sharp minimum |")
    print("|---|---|---|---|")
    maps = {}
    for title, settings in noises:
        row, traces = [], []
        for name, (cx, cy) in wells:
            s, field = solve("sgd-sharp-flat.toml", settings + [
                "solver.type=jet", "problem.attractor=[%g, %g]" % (cx, cy),
                "domain.lower=[%g, %g]" % (cx - half_width, cy - half_width),
                "domain.upper=[%g, %g]" % (cx + half_width, cy + half_width), "domain.n=129"],
                                  field=True)
            x0, y0 = s["derived"]["minimum"]
            t = np.linspace(0, 2 * np.pi, 4001)
            v = interpolate(field, "u", x0 + radius * np.cos(t), y0 + radius * np.sin(t)).min()
            row.append(v)
            traces.append(s["derived"]["noise.trace_at_minimum"])
            maps[(title, name)] = field
        print("| %s | %.4g | %.4g | %.3g / %.3g |" % (title, row[0], row[1], traces[0], traces[1]))
    if figures:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, axes = plt.subplots(1, 2, figsize=(9, 4))
        for ax, (name, _) in zip(axes, wells):
            field = maps[("minibatch, B = 1", name)]
            (x0, y0), (hx, hy), (ny, nx) = field["origin"], field["spacing"], field["shape"]
            x = x0 + hx * np.arange(nx)
            y = y0 + hy * np.arange(ny)
            contours = ax.contourf(x, y, field["u"], levels=30)
            fig.colorbar(contours, ax=ax)
            ax.set_title("V from the %s well, minibatch noise" % name)
            ax.set_aspect("equal")
        fig.tight_layout()
        fig.savefig(os.path.join(figures, "sharp-flat-wells.png"), dpi=120)


def landscape(example, settings):
    return run_hj("landscape", example, settings,
                  lambda out: read_json(os.path.join(out, "landscape.json")))


def preference(figures):
    depths = (0, 0.25, 0.5, 0.75, 1, 1.5, 2, 3)
    noises = [("isotropic, trace 1", ["noise.type=isotropic", "noise.trace=1"]),
              ("minibatch, B = 1", ["noise.type=minibatch"]),
              ("diagonal, B = 1", ["noise.type=diagonal"]),
              ("minibatch, trace 1", ["noise.type=minibatch", "noise.trace=1"])]
    print("sharp-flat with the sharp well lowered by d (`model.sharp_depth`); `hj landscape` on "
          "[-2, 2]^2, olim, n = 129. L*: the loss at each minimum; V(flat -> sharp) and "
          "V(sharp -> flat): the barriers through the saddle; preferred: the attractor with "
          "the smaller W-graph potential (for two attractors, the one that is harder to leave). "
          "A noise's trace is taken at the flat minimum.\n")
    print("| d | L* flat | L* sharp | noise | V(flat -> sharp) | V(sharp -> flat) | preferred |")
    print("|---|---|---|---|---|---|---|")
    curves = {}
    for d in depths:
        depth = "model.sharp_depth=%g" % d
        minima = []
        for start in ("[-1, -1]", "[1, 1]"):
            s, _ = solve("sgd-sharp-flat.toml", [depth, "problem.attractor=%s" % start,
                                                 "domain.n=33"])
            minima.append(s["derived"]["loss_at_minimum"])
        for title, settings in noises:
            j = landscape("sgd-sharp-flat.toml", [depth] + settings)
            assert len(j["attractors"]) == 2, j["attractors"]
            flat = 0 if j["attractors"][0]["point"][0] < 0 else 1
            sharp = 1 - flat
            b = j["barriers"]
            winner = "flat" if j["preferred"] == flat else "sharp"
            if j["tied_with_preferred"]:
                winner = "tie"
            print("| %g | %.4f | %.4f | %s | %.4g | %.4g | %s |" % (
                d, minima[0], minima[1], title, b[flat][sharp], b[sharp][flat], winner))
            curves.setdefault(title, []).append((d, b[flat][sharp], b[sharp][flat]))
    if figures:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
        fig, ax = plt.subplots(figsize=(6, 4))
        for title, points in curves.items():
            d, out_of_flat, out_of_sharp = (np.array(v) for v in zip(*points))
            ax.plot(d, np.log(out_of_flat / out_of_sharp), "o-", label=title)
        ax.axhline(0, color="k", lw=0.8)
        ax.set_xlabel("d: how much deeper the sharp well is made")
        ax.set_ylabel("log(V(flat -> sharp) / V(sharp -> flat))")
        ax.set_title("> 0: the flat minimum is preferred")
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(figures, "preference-flip.png"), dpi=120)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", required=True,
                        choices=["convex", "residual", "anisotropy", "sharp-flat",
                                 "preference"])
    parser.add_argument("--figures", help="folder for the PNG figures")
    args = parser.parse_args()
    if args.figures:
        os.makedirs(args.figures, exist_ok=True)
    {"convex": convex, "residual": residual, "anisotropy": anisotropy,
     "sharp-flat": sharp_flat, "preference": preference}[args.part](args.figures)


if __name__ == "__main__":
    main()
