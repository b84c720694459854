#!/usr/bin/env bash
# Installs everything hj needs from Debian 12's packages, non-interactively and idempotently.
# ParaView's Python modules (python3-paraview) conflict with VTK's development package
# (through python3-vtk9), so they are unpacked beside the build in third_party/paraview-python
# instead of being installed; the rendering check points PYTHONPATH there.
set -euo pipefail

packages=(
  build-essential cmake pkg-config git
  libeigen3-dev libvtk9-dev libpetsc-real-dev libopenmpi-dev openmpi-bin
  libgtest-dev libgmock-dev libbenchmark-dev
  libtomlplusplus-dev libcli11-dev nlohmann-json3-dev libmuparser-dev librandom123-dev zlib1g-dev
  clang-format
  paraview xvfb xauth
  python3-numpy python3-matplotlib python3-scikit-fmm
)

sudo_cmd=()
if [ "$(id -u)" -ne 0 ]; then sudo_cmd=(sudo); fi

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-deps: installing ${#missing[@]} Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: all Debian packages present"
fi

# ParaView's Python modules, unpacked (not installed) beside the project.
root=$(cd "$(dirname "$0")/.." && pwd)
pv_dir="$root/third_party/paraview-python"
if [ ! -d "$pv_dir/usr/lib/python3/dist-packages/paraview" ]; then
  echo "install-deps: unpacking python3-paraview into $pv_dir"
  tmp=$(mktemp -d)
  chmod 755 "$tmp"  # apt-get download runs as _apt where it can
  (cd "$tmp" && apt-get download -qq python3-paraview >/dev/null)
  mkdir -p "$pv_dir"
  dpkg-deb -x "$tmp"/python3-paraview_*.deb "$pv_dir"
  rm -rf "$tmp"
fi
echo "install-deps: done"
