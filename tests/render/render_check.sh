#!/usr/bin/env bash
# hj writes a field; ParaView (pvbatch, under a private Xvfb) opens it and renders a PNG.
# Exit 77 (CTest: skipped) with a clear message where ParaView is not installed.
set -euo pipefail
hj=$1 root=$2 out=$3
pv_python="$root/third_party/paraview-python/usr/lib/python3/dist-packages"
if ! command -v pvbatch >/dev/null || ! command -v Xvfb >/dev/null; then
  echo "SKIPPED: pvbatch or Xvfb is not installed (scripts/install-deps.sh installs them)"
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
# A private X server for the renders. Xvfb picks a free display itself and writes its number
# to the given descriptor only once it accepts connections (xvfb-run's -a guesses a display
# and, under load, pvbatch sometimes connected before the server was up). -noreset: an X server
# resets when its last client leaves, and a render connecting during the reset fails.
Xvfb -displayfd 3 -screen 0 800x600x24 -nolisten tcp -noreset 3>"$out/display" 2>"$out/xvfb.log" &
xvfb_pid=$!
trap 'kill "$xvfb_pid" 2>/dev/null' EXIT
for _ in $(seq 300); do
  [ -s "$out/display" ] && break
  kill -0 "$xvfb_pid" 2>/dev/null || { echo "Xvfb failed:"; cat "$out/xvfb.log"; exit 1; }
  sleep 0.1
done
[ -s "$out/display" ] || { echo "Xvfb did not start within 30 s"; exit 1; }
export DISPLAY=":$(head -n1 "$out/display")"
for dim in 2 3; do
  PYTHONPATH="$pv_python" pvbatch "$root/tests/render/render_field.py" \
    "$out/$dim/field.vti" "$out/$dim/field.png"
done
for dim in 2 3; do
  /usr/bin/python3 "$root/tests/render/check_png.py" "$out/$dim/field.png"
done
