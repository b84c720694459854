#!/usr/bin/python3
"""Writes regression.csv, the data set of examples/sgd-linear-regression.toml and
examples/sgd-expression.toml: 200 samples, features a1 ~ N(0, 1), a2 ~ N(0, 0.5^2), target
1.0 a1 - 0.5 a2 + 0.3 N(0, 1). Run from this folder: /usr/bin/python3 make_regression_csv.py"""
import numpy as np

rng = np.random.default_rng(7)
samples = 200
a1 = rng.normal(0.0, 1.0, samples)
a2 = rng.normal(0.0, 0.5, samples)
target = 1.0 * a1 - 0.5 * a2 + 0.3 * rng.normal(0.0, 1.0, samples)
with open("regression.csv", "w") as out:
    out.write("# made by make_regression_csv.py (numpy default_rng(7))\n")
    out.write("a1,a2,target\n")
    for row in zip(a1, a2, target):
        out.write(",".join(f"{v:.6f}" for v in row) + "\n")
