#!/usr/bin/env bash
# hj landscape through the real program, on the consumer-resource model: two attractors and the
# saddle between them found, each attractor's field and the global one written, and the
# low-plankton state preferred (V from it to the saddle is the larger barrier).
set -euo pipefail
hj=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out="$work/out"

"$hj" landscape "$examples/consumer-resource.toml" --set domain.n=129 -o "$out" >"$work/table"
for file in landscape.json global.vti field-0.vti field-1.vti; do
  test -s "$out/$file" || { echo "hj landscape did not write $file"; exit 1; }
done
grep -q '^attractor 0 .* preferred$' "$work/table" || { echo "no preferred attractor 0:"; cat "$work/table"; exit 1; }

python3 - "$out/landscape.json" <<'PY'
import json, sys
j = json.load(open(sys.argv[1]))
assert len(j["attractors"]) == 2 and len(j["saddles"]) == 1, j
saddle = j["saddles"][0]
assert abs(saddle["point"][0] - 4.2008) < 1e-4 and abs(saddle["point"][1] - 4.0039) < 1e-4, saddle
assert sorted(saddle["connects"]) == [0, 1], saddle
b = j["barriers"]
assert b[0][1] > b[1][0] > 0, b
assert j["preferred"] == 0 and j["w_graph_potential"][0] == 0, j
PY

# Not an SDE: one line, exit 2, nothing written.
if "$hj" landscape "$examples/eikonal-point.toml" -o "$work/bad" 2>"$work/stderr"; then
  echo "hj landscape accepted an eikonal problem"; exit 1
fi
grep -q 'hj landscape needs an SDE' "$work/stderr" || { cat "$work/stderr"; exit 1; }
test ! -e "$work/bad" || { echo "hj landscape left output behind"; exit 1; }
echo "ok"
