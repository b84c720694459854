#!/usr/bin/env bash
# Set up, build, and run the whole test suite (unit, property, example, CLI, VTK round trip,
# ParaView rendering and format checks) with CTest.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
cd "$root/build"
ctest --output-on-failure -j"$(nproc)" "$@"
