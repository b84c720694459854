#!/usr/bin/env bash
# hj path through the real program: solves, traces the path to --to, recomputes it by gMAM, and
# writes field.vti, path.vtp (two polylines) and summary.json with both actions.
set -euo pipefail
hj=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out"

"$hj" path "$examples/linear-rot.toml" --to 1,0.5 --set domain.n=129 -o "$out" >"$work/table"
for file in field.vti path.vtp summary.json; do
  test -s "$out/$file" || { echo "hj path did not write $file"; exit 1; }
done
test ! -e "$out/paths.vtp" || { echo "hj path wrote paths.vtp as well"; exit 1; }
grep -q 'NumberOfLines="2"' "$out/path.vtp" || { echo "path.vtp does not hold two polylines"; exit 1; }
grep -q '^gMAM *\[1.0, 0.5\]: action 2.250.* (converged in [0-9]* iterations)' "$work/table" ||
  { echo "no converged gMAM line in the table:"; cat "$work/table"; exit 1; }

# summary.json: one path, to (1, 0.5), with V there, the traced action and gMAM's, all near the
# exact V = 2x^2 + y^2 = 2.25 (the file's [paths] targets are hj solve's, not hj path's).
python3 - "$out/summary.json" <<'PY'
import json, sys
summary = json.load(open(sys.argv[1]))
paths = summary["paths"]
assert len(paths) == 1, paths
path = paths[0]
assert path["target"] == [1.0, 0.5], path
assert path["reached_attractor"], path
gmam = path["gmam"]
assert gmam["converged"] and gmam["status"] == "converged", gmam
assert gmam["start"] == "traced path" and gmam["points"] == 200, gmam
for name, value in [("traced", path["action"]), ("V", path["value_at_target"]),
                    ("gMAM", gmam["action"])]:
    assert abs(value - 2.25) < 0.01, (name, value)
assert abs(path["action"] - gmam["action"]) < 1e-3, path
h = summary["domain"]["spacing"][1]
assert gmam["distance_to_traced"] < 2 * h, (gmam["distance_to_traced"], h)
assert summary["outputs"] == ["field.vti", "path.vtp", "summary.json"], summary["outputs"]
PY

# Without gMAM: one polyline, no gmam entry.
"$hj" path "$examples/linear-rot.toml" --to 1,0.5 --set domain.n=65 --set paths.gmam=false \
  -q -o "$work/plain"
grep -q 'NumberOfLines="1"' "$work/plain/path.vtp" || { echo "paths.gmam=false still ran gMAM"; exit 1; }
if grep -q '"gmam":' "$work/plain/summary.json"; then echo "gmam entry without gMAM"; exit 1; fi
echo "hj path writes the traced and the gMAM path with their actions"
