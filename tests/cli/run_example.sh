#!/usr/bin/env bash
# Runs one example file on a small grid and checks it wrote its outputs.
set -euo pipefail
hj=$1 example=$2 out=$3
rm -rf "$out"
"$hj" solve "$example" --set domain.n=33 -o "$out"
test -s "$out/field.vti"
test -s "$out/summary.json"
grep -q '"status": "\(ok\|stopped_by_rule\)"' "$out/summary.json"
