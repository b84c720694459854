#!/usr/bin/python3
"""hj's fast marching against scikit-fmm, same grids, same machine, same run.

Point source at the centre of [-1, 1]^dim, constant speed, first order (or --order 2 for both
tools). scikit-fmm
(Debian's python3-scikit-fmm) is timed around its compiled core alone: skfmm.distance on a
level-set array whose zero contour surrounds the centre node. hj is timed inside
build/bench/hj_bench_fmm (one process per size, which also reports peak memory per node), on
THREADS threads (first order only beyond one; scikit-fmm has one). Medians of REPEATS runs.

usage: /usr/bin/python3 bench/compare_scikit_fmm.py [--order 1] [--threads 1] [--repeats 3]
           [--json OUT.json]
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import numpy
import skfmm

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(ROOT, "build", "bench", "hj_bench_fmm")


def time_skfmm(dim, n, order, repeats):
    h = 2.0 / (n - 1)
    phi = numpy.ones((n,) * dim)
    phi[(n // 2,) * dim] = -1.0
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        skfmm.distance(phi, dx=h, order=order)
        times.append(time.perf_counter() - start)
    return statistics.median(times), times


def time_hj(dim, n, order, repeats, threads):
    out = subprocess.run([BENCH, str(dim), str(n), str(order), str(repeats), str(threads)],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--order", type=int, default=1, choices=(1, 2))
    parser.add_argument("--threads", type=int, default=1, help="hj's threads (order 1 only)")
    parser.add_argument("--json", help="write all measurements here")
    parser.add_argument("--sizes", default="2:513,2:1025,2:2049,2:4097,3:65,3:129,3:257",
                        help="comma-separated dim:n pairs")
    args = parser.parse_args()
    rows = []
    threads = "" if args.threads == 1 else ", %d threads" % args.threads
    print("| grid | nodes | hj median [s]%s | scikit-fmm median [s] | speed-up | hj M nodes/s "
          "| hj bytes/node |" % threads)
    print("|---|---|---|---|---|---|---|")
    for pair in args.sizes.split(","):
        dim, n = (int(x) for x in pair.split(":"))
        hj = time_hj(dim, n, args.order, args.repeats, args.threads)
        sk_median, sk_times = time_skfmm(dim, n, args.order, args.repeats)
        row = {"dim": dim, "n": n, "order": args.order, "threads": args.threads, "hj": hj, "skfmm_median_s": sk_median, "skfmm_times_s": sk_times,
               "speedup": sk_median / hj["median_s"]}
        rows.append(row)
        print("| %s | %d | %.3f | %.3f | %.2fx | %.2f | %.1f |" % (
            "x".join([str(n)] * dim), hj["nodes"], hj["median_s"], sk_median, row["speedup"],
            hj["nodes_per_s"] / 1e6, hj["bytes_per_node"]), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"skfmm_version": getattr(skfmm, "__version__", "?"), "rows": rows}, f,
                      indent=2)


if __name__ == "__main__":
    sys.exit(main())
