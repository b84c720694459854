#!/usr/bin/env bash
# The progress display appears on a terminal for a solve longer than a second, and never when
# stderr is not a terminal.
set -euo pipefail
hj=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
long=(solve --set domain.dim=3 --set domain.n=221 --set solver.order=1 --set output.field=false)

"$hj" "${long[@]}" -o "$work/plain" >"$work/stdout" 2>"$work/stderr"
if [ -s "$work/stderr" ]; then
  echo "stderr is not a terminal, yet hj wrote to it:"; cat "$work/stderr"; exit 1
fi
seconds=$(grep -o '"solve_s": [0-9.e+-]*' "$work/plain/summary.json" | awk '{print $2}')
awk -v s="$seconds" 'BEGIN { exit !(s > 1.0) }' ||
  { echo "the solve took $seconds s; the check needs one longer than a second"; exit 1; }

# `script` gives hj a pseudo-terminal.
script -qec "$hj ${long[*]} -o $work/tty" "$work/typescript" >/dev/null
grep -q 'hj: marching:.*%.*nodes' "$work/typescript" ||
  { echo "no progress line on a terminal:"; cat -v "$work/typescript"; exit 1; }
echo "progress shown on a terminal, silent otherwise"
