#!/usr/bin/env bash
# The main job: set up, build, and solve the default example (a 2-d eikonal point source),
# writing out/default/field.vti (open it in ParaView) and out/default/summary.json.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" hj
"$root/build/hj" solve "$@" -o "$root/out/default"
