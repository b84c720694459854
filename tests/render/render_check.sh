#!/usr/bin/env bash
# hj writes a field; ParaView (pvbatch, under xvfb-run) opens it and renders a PNG.
# Exit 77 (CTest: skipped) with a clear message where ParaView is not installed.
set -euo pipefail
hj=$1 root=$2 out=$3
pv_python="$root/third_party/paraview-python/usr/lib/python3/dist-packages"
if ! command -v pvbatch >/dev/null || ! command -v xvfb-run >/dev/null; then
  echo "SKIPPED: pvbatch or xvfb-run is not installed (scripts/install-deps.sh installs them)"
  exit 77
fi
if [ ! -d "$pv_python/paraview" ]; then
  echo "SKIPPED: ParaView's Python modules are not unpacked in $pv_python (run scripts/install-deps.sh)"
  exit 77
fi
rm -rf "$out"
for dim in 2 3; do
  "$hj" solve "$root/examples/eikonal-point.toml" --set domain.dim=$dim --set domain.n=41 -q \
    -o "$out/$dim"
done
# One X server for both renders: starting servers back to back can race for the display.
PYTHONPATH="$pv_python" xvfb-run -a -s "-screen 0 800x600x24" bash -c '
  set -e
  for dim in 2 3; do
    pvbatch "$0/tests/render/render_field.py" "$1/$dim/field.vti" "$1/$dim/field.png"
  done' "$root" "$out"
for dim in 2 3; do
  /usr/bin/python3 "$root/tests/render/check_png.py" "$out/$dim/field.png"
done
