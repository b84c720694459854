#!/usr/bin/env bash
# hj --version, hj list and hj help answer; docs/options.md is what hj help --markdown prints.
set -euo pipefail
hj=$1 root=$2
# Outputs are captured first: `hj ... | grep -q` fails under pipefail whenever grep stops
# reading early and hj gets SIGPIPE.
version=$("$hj" --version)
grep -qE '^hj [0-9]+\.[0-9]+\.[0-9]+$' <<<"$version"
list=$("$hj" list)
for name in eikonal-point eikonal-points eikonal-radial linear-rot cubic-rot quartic double-well-rot \
  focus-in-cycle maier-stein linear-nd decomposed metric fmm olim eikonal-upwind-1 eikonal-upwind-2 \
  line-integral-rhr line-integral-midpoint; do
  grep -q "$name" <<<"$list" || { echo "hj list lacks $name"; exit 1; }
done
help=$("$hj" help)
grep -q 'domain.n' <<<"$help"
order_help=$("$hj" help solver.order)
grep -q '1 or 2' <<<"$order_help"
if "$hj" help no.such.option 2>/dev/null; then echo "hj help accepted an unknown key"; exit 1; fi
diff <("$hj" help --markdown) "$root/docs/options.md" ||
  { echo "docs/options.md is stale: regenerate it with 'hj help --markdown > docs/options.md'"; exit 1; }
echo ok
