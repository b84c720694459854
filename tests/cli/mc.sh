#!/usr/bin/env bash
# hj mc through the real program: the double-well example's mean exit time within 3 standard
# errors of the exact 1-d quadrature (67.89, eps = 0.25), the same mc.json for 1 and 2 threads,
# an SGD problem leaving a loss level set (as an SDE, as SGD itself and as its Gaussian twin),
# and censored paths reported as such.
set -euo pipefail
hj=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$hj" mc "$examples/mc-double-well.toml" --set mc.threads=1 -o "$work/one" >"$work/table"
"$hj" mc "$examples/mc-double-well.toml" --set mc.threads=2 -o "$work/two" -q
test -s "$work/one/exits.vtp" || { echo "no exits.vtp"; exit 1; }
grep -q '^exit time    mean ' "$work/table" || { cat "$work/table"; exit 1; }

"$hj" mc "$examples/quadratic-sgd.toml" --set exit.type=\"level\" --set exit.level=0.07 \
  --set mc.paths=200 -o "$work/sgd" -q
# SGD itself against its Gaussian twin (same minibatch covariance, noise not rescaled), and
# full-batch steps without replacement, which are gradient descent: no noise, no exit.
sgd=("$examples/quadratic-sgd.toml" --set noise.trace=0.0 --set exit.type=\"level\"
  --set exit.level=0.0535 --set mc.paths=2000 -q)
"$hj" mc "${sgd[@]}" --set mc.dynamics=\"sgd\" -o "$work/sgd-real"
"$hj" mc "${sgd[@]}" --set mc.dynamics=\"sgd-gaussian\" -o "$work/sgd-gauss"
"$hj" mc "${sgd[@]}" --set mc.dynamics=\"sgd\" --set sgd.batch=100 --set sgd.replacement=false --set noise.floor=1e-12 \
  --set mc.max_time=1.0 -o "$work/sgd-full"
# An expression problem runs on every thread (each compiles its own copy) and gives what the
# catalogue's linear-rot gives, path for path.
for t in 1 2; do
  "$hj" mc "$examples/expression-linear-rot.toml" --set mc.eps=0.5 --set mc.paths=300 \
    --set mc.threads=$t -o "$work/expr$t" -q
done
"$hj" mc "$examples/linear-rot.toml" --set mc.eps=0.5 --set mc.paths=300 -o "$work/catalogue" -q

# Splitting on the computed V (jet) where brute force agrees too: eps = 0.2, exact 180.95.
"$hj" mc "$examples/mc-double-well.toml" --set mc.method=\"splitting\" --set mc.eps=0.2 \
  --set domain.n=65 --set 'domain.lower=[-2.0, -1.5]' --set 'domain.upper=[0.0, 1.5]' \
  --set splitting.runs=20 --set splitting.replicas=100 -o "$work/split" -q
# Long runs over both wells: the two attractors found, time shared, transitions both ways.
"$hj" mc "$examples/mc-double-well.toml" --set mc.method=\"long-run\" --set domain.n=41 \
  --set 'domain.lower=[-2.0, -1.5]' --set 'domain.upper=[2.0, 1.5]' --set mc.paths=8 \
  --set mc.max_time=2000.0 -o "$work/long" -q
test -s "$work/long/histogram.vti" || { echo "no histogram.vti"; exit 1; }
"$hj" mc "$examples/mc-double-well.toml" --set mc.max_time=5.0 --set mc.paths=200 \
  -o "$work/censored" -q

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
one = json.load(open(f"{work}/one/mc.json"))
two = json.load(open(f"{work}/two/mc.json"))
t = one["exit_time"]
exact = 67.8915  # mean_exit_time_1d(2x - 2x^3, a = 1, eps = 0.25, (-3, 0), x0 = -1)
assert one["exits"] == 2000 and one["censored"] == 0 and one["status"] == "ok", one
assert abs(t["mean"] - exact) < 3 * t["standard_error"], t
assert t["ci95"][0] < t["mean"] < t["ci95"][1], t
assert 0.85 < t["coefficient_of_variation"] < 1.15, t  # close to exponential
assert abs(one["exit_location"]["mean"][0]) < 1e-9, one["exit_location"]  # on the line x = 0
assert one["exit_time"] == two["exit_time"] and one["steps"] == two["steps"], (one, two)
assert one["settings"]["threads"] == 1 and two["settings"]["threads"] == 2

sgd = json.load(open(f"{work}/sgd/mc.json"))
assert sgd["settings"]["eps"] == 0.01, sgd["settings"]  # the learning rate
assert sgd["exits"] == 200 and sgd["settings"]["exit_domain"].startswith("sublevel set L"), sgd

real = json.load(open(f"{work}/sgd-real/mc.json"))
gauss = json.load(open(f"{work}/sgd-gauss/mc.json"))
assert real["settings"]["dynamics"] == "sgd" and real["settings"]["dt"] == 0.01, real["settings"]
assert abs(real["exit_time_steps"]["mean"] - real["exit_time"]["mean"] / 0.01) < 1e-9, real
r, g = real["exit_time"], gauss["exit_time"]
assert abs(r["mean"] - g["mean"]) < 3 * (r["standard_error"] ** 2 + g["standard_error"] ** 2) ** 0.5, (r, g)
full = json.load(open(f"{work}/sgd-full/mc.json"))
assert full["exits"] == 0 and full["censored"] == 2000, full

split = json.load(open(f"{work}/split/mc.json"))
st = split["exit_time"]
assert split["method"] == "splitting" and split["status"] == "ok", split
assert abs(split["barrier"]["V_star"] - 1) < 1e-3, split["barrier"]
assert abs(st["mean"] - 180.95) < 3 * st["standard_error"], st

long = json.load(open(f"{work}/long/mc.json"))
a = long["attractors"]
assert len(a) == 2 and abs(a[0]["point"][0] + 1) < 1e-6 and abs(a[1]["point"][0] - 1) < 1e-6, a
assert abs(a[0]["residence_fraction"] - 0.5) < 0.1 and a[0]["transitions_to"][1] > 20, a
assert a[1]["transitions_to"][0] > 20 and long["unassigned_fraction"] < 0.01, long

e1, e2, cat = (json.load(open(f"{work}/{d}/mc.json")) for d in ("expr1", "expr2", "catalogue"))
assert e2["settings"]["threads"] == 2, e2["settings"]
assert e1["exit_time"] == e2["exit_time"] == cat["exit_time"], (e1["exit_time"], cat["exit_time"])

cens = json.load(open(f"{work}/censored/mc.json"))
assert cens["status"] == "censored paths" and cens["censored"] > 0, cens
assert cens["exits"] + cens["censored"] == 200 and cens["exit_time"]["mean"] <= 5.0, cens
PY
echo "ok"
