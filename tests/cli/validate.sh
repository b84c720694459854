#!/usr/bin/env bash
# hj validate through the real program, small: the double well's barrier V* = 1 recovered by
# the fit over brute force (V*/eps = 3, 4, 5) and splitting (8), every rule reported with a name
# and a verdict, the plots and the ParaView files (fields, exits per eps, sample paths, one .pvd)
# written, and nothing written for an eikonal problem.
set -euo pipefail
hj=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$hj" validate "$examples/mc-double-well.toml" --set domain.n=65 \
  --set 'domain.lower=[-2.0, -1.5]' --set 'domain.upper=[0.0, 1.5]' --set mc.paths=400 \
  --set 'validate.ratios=[3.0, 4.0, 5.0]' --set 'validate.splitting_ratios=[8.0]' \
  --set splitting.runs=10 --set splitting.replicas=50 -o "$work/out" -q
for file in validation.json validation.pvd field.vti fokker-planck.vti histogram.vti exits-0.csv \
  exits-0.vtp sample_paths.vtp barrier.png exit_locations.png v_vs_fp.png; do
  test -s "$work/out/$file" || { echo "hj validate did not write $file"; exit 1; }
done
python3 - "$work/out/validation.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
b = j["barrier"]
assert abs(b["solver"] - 1) < 1e-3, b
lo, hi = b["fit_ci95"]
assert lo < b["fit"] < hi and abs(b["fit"] - 1) < max(hi - lo, 0.02), b
assert len(j["runs"]) == 4 and j["runs"][3]["method"] == "splitting", j["runs"]
assert all(set(r) >= {"name", "pass"} for r in j["rules"]) and len(j["rules"]) >= 5, j["rules"]
assert j["rules"][0]["name"] == "fitted barrier vs solver" and j["rules"][0]["pass"], j["rules"]
assert j["plots"] == "drawn", j["plots"]
fp = j["fokker_planck"]
assert fp["status"] == "ok" and 0 <= fp["histogram_l1"] < 0.5, fp
PY

if "$hj" validate "$examples/eikonal-point.toml" -o "$work/bad" 2>"$work/stderr"; then
  echo "hj validate accepted an eikonal problem"; exit 1
fi
grep -q 'hj validate needs an SDE' "$work/stderr" || { cat "$work/stderr"; exit 1; }
test ! -e "$work/bad" || { echo "hj validate left output behind"; exit 1; }
echo "ok"
