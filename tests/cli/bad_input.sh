#!/usr/bin/env bash
# Each bad input gets exactly one line on stderr naming the problem, exit code 2, nothing on
# stdout, and no output directory.
set -uo pipefail
hj=$1 examples=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[domain]\nn = [11, 11\n' >"$work/syntax.toml"
printf '[domain]\nnn = 11\n' >"$work/unknown.toml"
printf '[domain]\nn = "eleven"\n' >"$work/type.toml"
printf '[problem]\ntype = "linear-rot"\n[solver]\ntype = "fmm"\norder = 2\n' >"$work/sde-with-fmm2.toml"
printf '[problem]\ntype = "eikonal-point"\n[solver]\ntype = "olim"\n' >"$work/eikonal-with-olim.toml"
printf '[problem]\ntype = "linear-rot"\n[solver]\ntype = "fmm"\norder = 1\nthreads = 2\n' >"$work/sde-fmm-threads.toml"
printf '[problem]\ntype = "metric"\nanisotropy = 4.0\n[solver]\ntype = "fmm"\n' >"$work/metric-with-fmm.toml"
failures=0

expect_error() {  # name, regex the message must match, then the hj arguments
  local name=$1 pattern=$2
  shift 2
  local out="$work/out-$name"
  "$hj" "$@" -o "$out" >"$work/stdout" 2>"$work/stderr"
  local code=$?
  local lines
  lines=$(wc -l <"$work/stderr")
  if [ "$code" -ne 2 ] || [ "$lines" -ne 1 ] || [ -s "$work/stdout" ] || [ -e "$out" ] ||
    ! grep -qE -e "$pattern" "$work/stderr"; then
    echo "FAIL $name: exit $code, $lines stderr lines, output dir $( [ -e "$out" ] && echo present || echo absent)"
    sed 's/^/  stderr: /' "$work/stderr"
    failures=$((failures + 1))
  else
    echo "ok   $name: $(cat "$work/stderr")"
  fi
}

ex="$examples/eikonal-point.toml"
expect_error missing-file 'nope\.toml: no such problem file' solve "$work/nope.toml"
expect_error toml-syntax 'syntax\.toml:2:[0-9]+: TOML syntax error' solve "$work/syntax.toml"
expect_error unknown-key "unknown\.toml:2:[0-9]+: unknown option 'domain\.nn'; did you mean 'domain\.n'" solve "$work/unknown.toml"
expect_error wrong-type 'type\.toml:2:[0-9]+: domain\.n must be an integer or a list of integers, got a string' solve "$work/type.toml"
expect_error unknown-problem "unknown problem type 'eikonal-pont'.*did you mean 'eikonal-point'.*Known: .*eikonal-point, eikonal-points, eikonal-radial, .*linear-rot" solve "$ex" --set problem.type=eikonal-pont
expect_error unknown-solver "unknown solver 'fast'.*Known: fmm" solve "$ex" --set solver.type=fast
expect_error lower-above-upper 'domain\.lower\[0\] = 1\.0 must be below domain\.upper\[0\] = -1\.0' solve "$ex" --set domain.lower=1 --set domain.upper=-1
expect_error too-few-nodes 'domain\.n = \[2\] must have every entry at least 3' solve "$ex" --set domain.n=2
expect_error too-much-memory 'nodes, which need about .* of memory, but only .* is available; use fewer nodes' solve "$ex" --set domain.n=40000
expect_error source-outside 'problem\.source = \[2\.0, 0\.0\] lies outside the box' solve "$ex" --set 'problem.source=[2.0, 0.0]'
expect_error zero-speed 'problem\.speed = 0\.0 must be > 0' solve "$ex" --set problem.speed=0
expect_error negative-speed 'problem\.speed = -2\.0 must be > 0' solve "$ex" --set problem.speed=-2.0
expect_error bad-override "expected table\.key=value" solve "$ex" --set domain.n
expect_error dimension-mismatch 'domain\.lower has 2 entries but the problem has 3 dimensions' solve "$ex" --set domain.dim=3 --set 'domain.lower=[-1, -1]'

expect_error second-order-fmm-on-sde "sde-with-fmm2\.toml:5:9: fast marching on a quasi-potential is first order only; set solver.order = 1" solve "$work/sde-with-fmm2.toml"
expect_error threads-second-order '--set solver\.threads=2: second-order fast marching \(solver\.order = 2\) marches on one thread only; set solver\.threads = 1' solve "$ex" --set solver.threads=2
expect_error threads-boundary-stop '--set solver\.threads=2: stopping at the first boundary node \(solver\.stop = "boundary"\) marches on one thread only' solve "$ex" --set solver.order=1 --set solver.threads=2 --set solver.stop=boundary
expect_error threads-quasi-potential 'sde-fmm-threads\.toml:6:11: fast marching on a quasi-potential marches on one thread only; set solver\.threads = 1' solve "$work/sde-fmm-threads.toml"
expect_error threads-negative '--set solver\.threads=-1: solver\.threads = -1 must be >= 0' solve "$ex" --set solver.threads=-1
expect_error olim-for-eikonal "solver 'olim' solves quasi-potential and metric problems, but problem 'eikonal-point' is a eikonal problem; use solver.type = fmm" solve "$work/eikonal-with-olim.toml"
expect_error planar-problem-in-3d "problem 'cubic-rot' is two-dimensional; set domain.dim = 2" solve "$examples/cubic-rot.toml" --set domain.dim=3 --set 'domain.lower=-1' --set 'domain.upper=1'
expect_error unstable-drift-matrix "problem\.B is not stable: its eigenvalues 1, -1 must all have negative real parts; give a stable B" solve "$examples/linear-nd.toml" --set 'problem.B=[[1, 0], [0, -1]]'
expect_error drift-matrix-shape "problem\.B has 1 row but the domain has 2 dimensions" solve "$examples/linear-nd.toml" --set 'problem.B=[-1, 0]'
expect_error maier-stein-beta "problem\.beta = -1\.0 must be > 0" solve "$examples/maier-stein.toml" --set problem.beta=-1
expect_error attractor-outside "problem\.attractor = \[5\.0, 0\.0\] lies outside the box" solve "$examples/linear-rot.toml" --set 'problem.attractor=[5.0, 0.0]'

# Expression problems: parse errors point at the element and the character.
xr="$examples/expression-linear-rot.toml"
expect_error expression-parse 'problem\.drift\[1\] = "x \+\* y": unexpected operator "\*" at character 4' solve "$xr" --set 'problem.drift=["-x", "x +* y"]'
expect_error expression-unknown-name 'problem\.drift\[0\] = "-w\*x": unknown name "w" at character 2' solve "$xr" --set 'problem.drift=["-w*x", "-y"]'
expect_error expression-no-noise 'needs problem\.diffusion \(the matrix A\) or problem\.sigma' solve "$xr" --set 'problem.diffusion=[]'

# A limit cycle as the attractor: paths are traced to point attractors only.
expect_error cycle-paths "problem 'limit-cycle' has a limit cycle as its attractor; minimum action paths are traced to a point attractor only" solve "$examples/limit-cycle.toml" --set 'paths.targets=[[0.5, 0.5]]'

# SGD problems: unknown names list the known ones; data, batch and noise are checked.
sq="$examples/quadratic-sgd.toml"
expect_error sgd-unknown-model 'model\.type = "cubic" is not one of: quadratic, linear-regression, logistic-regression, sharp-flat, bump-fit, expression' solve "$sq" --set model.type=cubic
expect_error sgd-unknown-noise 'noise\.type = "white" is not one of: minibatch, isotropic' solve "$sq" --set noise.type=white
expect_error sgd-batch-above-samples 'sgd\.batch = 500 exceeds the 100 samples of the data set \(generated\); give a batch of at most 100' solve "$sq" --set sgd.batch=500
expect_error sgd-csv-missing "cannot open the data file 'nowhere\.csv'" solve "$examples/sgd-linear-regression.toml" --set data.file=nowhere.csv
expect_error sgd-csv-column "has no column 'a3'; its columns are a1, a2, target" solve "$examples/sgd-linear-regression.toml" --set 'data.features=["a1", "a3"]'
expect_error sgd-degenerate-noise 'the noise covariance A\(x\) is not positive definite at .* worst at x = .*noise\.floor' solve "$examples/sgd-bump-fit.toml" --set 'domain.lower=[-2.5, 0.0]'

# Metric problems: M must be SPD, |w|_{M^-1} < 1, sources inside the box.
mx="$examples/metric-ellipsoid.toml"
expect_error metric-not-spd "problem\.M is not positive definite: its eigenvalues -1, 1 must all be > 0; give a symmetric positive definite M" solve "$examples/metric-randers.toml" --set 'problem.M=[[0, 1], [1, 0]]'
expect_error metric-not-symmetric "problem\.M is not symmetric" solve "$examples/metric-randers.toml" --set 'problem.M=[[1, 0.5], [0, 1]]'
expect_error metric-shape-and-anisotropy "problem\.anisotropy shapes a built-in metric, but problem\.M is given; drop one of them" solve "$mx" --set 'problem.M=[[1, 0], [0, 1]]'
expect_error randers-one-form-too-large "problem\.w has \|w\|_\{M\^-1\} = 1\.2.*give a w with \|w\|_\{M\^-1\} < 1" solve "$examples/metric-randers.toml" --set 'problem.w=[1.2, 0]'
expect_error metric-source-outside "problem\.sources = \[0\.0, 3\.0\] lies outside the box" solve "$mx" --set 'problem.sources=[[0.0, 3.0]]'
expect_error metric-with-fmm "solver 'fmm' solves eikonal and quasi-potential problems, but problem 'metric' is a metric problem; use solver.type = olim" solve "$work/metric-with-fmm.toml"

expect_error path-dimension "--set paths\.targets=.*: paths\.targets point \[0\.5, 0\.5, 0\.5\] has 3 coordinates; the domain has 2; give one coordinate per axis" solve "$examples/linear-rot.toml" --set 'paths.targets=[[0.5, 0.5, 0.5]]'
expect_error path-outside-box "paths\.targets point \[3\.0, 0\.0\] lies outside the box .*; give a point inside the domain" solve "$examples/linear-rot.toml" --set 'paths.targets=[[3.0, 0.0]]'
expect_error paths-for-eikonal "minimum action paths need a quasi-potential problem; problem 'eikonal-point' is eikonal" solve "$ex" --set 'paths.targets=[[0.5, 0.5]]'

# hj path: the target of --to.
qp="$examples/linear-rot.toml"
expect_error to-dimension "^hj: error: --to 0\.5,0\.5,0\.5: the target \[0\.5, 0\.5, 0\.5\] has 3 coordinates; the domain has 2; give one coordinate per axis$" path "$qp" --to 0.5,0.5,0.5
expect_error to-outside-box "--to 3,0: the target \[3\.0, 0\.0\] lies outside the box \[-1\.3333333333333333, -2\.0\] \.\. \[1\.3333333333333333, 2\.0\]; give a point inside the domain" path "$qp" --to 3,0
expect_error to-not-a-number "--to 0\.5,a: 'a' is not a number; give the target as x,y or x,y,z" path "$qp" --to 0.5,a
expect_error to-missing "hj path: no target; give the end point of the path with --to x,y" path "$qp"
expect_error path-for-eikonal "--to 0\.5,0\.5: minimum action paths need a quasi-potential problem; problem 'eikonal-point' is eikonal; choose an SDE problem" path "$ex" --to 0.5,0.5
expect_error path-bad-gmam-points "paths\.gmam_points = 2 must be at least 3" path "$qp" --to 0.5,0.5 --set paths.gmam_points=2

# hj mc: the [mc] and [exit] tables.
mc="$examples/mc-double-well.toml"
expect_error mc-zero-eps "mc\.eps = 0\.0 must be > 0 \(the noise strength" mc "$mc" --set mc.eps=0.0
expect_error mc-negative-eps "mc\.eps = -0\.1 must be > 0" mc "$mc" --set mc.eps=-0.1
expect_error mc-start-outside "mc\.start = \[0\.5, 0\.0\] lies outside the exit domain \(half-space" mc "$mc" --set 'mc.start=[0.5, 0.0]'
expect_error mc-attractor-outside "the exit domain \(ball of radius 0\.1 around \[1\.0, 1\.0\]\) does not contain the attractor \[-1\.0, 0\.0\]" mc "$mc" --set exit.type=\"ball\" --set 'exit.center=[1.0, 1.0]' --set exit.radius=0.1
expect_error mc-step-too-large "mc\.dt = 1\.0 is too large for the drift: \|eigenvalue of Db\| reaches .*; try mc\.dt = " mc "$mc" --set mc.dt=1.0
expect_error mc-ball-without-radius 'exit\.type = "ball" needs exit\.radius > 0' mc "$mc" --set exit.type=\"ball\"
expect_error mc-halfspace-without-normal 'exit\.type = "halfspace" needs exit\.normal' mc "$examples/double-well-rot.toml" --set exit.type=\"halfspace\" --set mc.eps=0.2
expect_error mc-unknown-exit "exit\.type = \"sphere\" is not one of: box, ball, halfspace, level, basin" mc "$mc" --set exit.type=\"sphere\"
expect_error mc-loss-without-sgd 'exit\.function = "loss" needs an SGD problem' mc "$mc" --set exit.type=\"level\"
expect_error mc-too-many-paths "mc\.paths = 1000000000000000 needs .* for the paths' ends, more than the .* available" mc "$mc" --set mc.paths=1000000000000000
expect_error mc-sgd-dynamics-on-sde 'mc\.dynamics = "sgd" needs an SGD problem' mc "$mc" --set mc.dynamics=\"sgd\"
expect_error mc-dt-with-sgd-dynamics 'mc\.dt does not apply to mc\.dynamics = "sgd": the step and the noise strength are the learning rate sgd\.eta' mc "$examples/quadratic-sgd.toml" --set mc.dynamics=\"sgd\" --set mc.dt=0.001
expect_error mc-splitting-levels "splitting levels must satisfy level_in < level_out < 1" mc "$mc" --set mc.method=\"splitting\" --set splitting.level_in=0.5 --set splitting.level_out=0.2
expect_error mc-splitting-sgd 'mc\.method = "splitting" simulates the SDE' mc "$examples/quadratic-sgd.toml" --set mc.method=\"splitting\" --set mc.dynamics=\"sgd\"
expect_error mc-eikonal "hj mc simulates SDEs; problem 'eikonal-point' is a eikonal problem" mc "$ex" --set mc.eps=0.1

if [ "$failures" -gt 0 ]; then echo "$failures bad-input cases failed"; exit 1; fi
echo "all bad-input cases give one clear line, exit 2, and no output"
