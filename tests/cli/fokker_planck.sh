#!/usr/bin/env bash
# hj fokker-planck through the real program: the same density on 1 process and under
# mpiexec -n 2 (PETSc DMDA, MUMPS), PETSc's own options passed through after --, and bad input
# (an eikonal problem, eps <= 0) refused with one line and nothing written.
set -euo pipefail
hj=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_rmaps_base_oversubscribe=1
args=("$examples/linear-rot.toml" --set fp.eps=0.1 --set domain.n=65 -q)

"$hj" fokker-planck "${args[@]}" -o "$work/one"
mpiexec -n 2 "$hj" fokker-planck "${args[@]}" -o "$work/two"
"$hj" fokker-planck "${args[@]}" -o "$work/gmres" -- -ksp_type gmres -pc_type ilu -ksp_rtol 1e-13
for run in one two gmres; do test -s "$work/$run/fokker-planck.vti" || { echo "no vti ($run)"; exit 1; }; done

python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
one, two, gmres = (json.load(open(f"{work}/{r}/fokker-planck.json")) for r in ("one", "two", "gmres"))
assert one["ranks"] == 1 and two["ranks"] == 2, (one["ranks"], two["ranks"])
for j in (one, two, gmres):
    assert j["status"] == "ok" and j["negative_nodes"] == 0, j
a, b, c = (j["comparison_with_exact_V"] for j in (one, two, gmres))
assert abs(a["rms"] - b["rms"]) < 1e-9 and abs(a["max"] - b["max"]) < 1e-9, (a, b)
assert abs(a["rms"] - c["rms"]) < 1e-6, (a, c)
assert gmres["solver"]["ksp_type"] == "gmres" and gmres["solver"]["pc_type"] == "ilu", gmres["solver"]
assert one["solver"]["pc_type"] == "lu"
PY

# Bad input under MPI: one line from rank 0, exit 2, nothing written.
if mpiexec -n 2 "$hj" fokker-planck "$examples/eikonal-point.toml" -o "$work/bad" 2>"$work/stderr"; then
  echo "accepted an eikonal problem"; exit 1
fi
test "$(grep -c 'hj: error: .*hj fokker-planck needs an SDE' "$work/stderr")" -eq 1 || { cat "$work/stderr"; exit 1; }
test ! -e "$work/bad" || { echo "left output behind"; exit 1; }
if "$hj" fokker-planck "$examples/linear-rot.toml" --set fp.eps=-1.0 -o "$work/bad" 2>"$work/stderr"; then
  echo "accepted eps < 0"; exit 1
fi
grep -q 'fp\.eps = -1\.0 must be > 0' "$work/stderr" || { cat "$work/stderr"; exit 1; }
echo "ok"
