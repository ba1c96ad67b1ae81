#!/usr/bin/env python3
"""Markdown table from bench.sh's JSON lines: best wall time of the repeats (MPI: after the first, which
starts the JVMs), the CPU seconds of all processes in that repeat, and the speed-up of 2 over 1.
  summarise.py results.jsonl"""
import json
import sys
from collections import defaultdict

best = defaultdict(lambda: (float("inf"), None))


def keep(key, seconds, cpu):
    if seconds < best[key][0]:
        best[key] = (seconds, cpu)


for line in open(sys.argv[1]):
    r = json.loads(line)
    x = r.get("result", r)
    if r["bench"] == "mpi":
        for phase in ("write", "read"):
            times, cpus = x[phase + "_s"][1:], x.get(phase + "_cpu_s", [None] * len(x[phase + "_s"]))[1:]
            for t, c in zip(times, cpus):
                keep(("MPI collective %s (h5py-mpi, C plugin)" % phase, r["codec_threads"], x["ranks"]), t, c)
    elif r["bench"] in ("dask-maps", "dask-maps-4x"):
        name = "Dask BF/ADF/CoM maps" + (", 4x the data" if r["bench"].endswith("4x") else "")
        for t, c in zip(x["all_seconds"], x.get("worker_cpu_seconds", [None] * len(x["all_seconds"]))):
            keep((name, r["codec_threads"], x["workers"]), t, c)
    elif r["bench"] == "dask-compress":
        keep(("Dask client.map `stemz compress`, 8 files", "1 (-T 1)", x["workers"]), x["seconds"], None)
    elif r["bench"] == "cli-jobs":
        keep(("`stemz compress DIR --jobs N`, 8 files", "cores / N", r["jobs"]), r["seconds"], None)

print("| Run | codec threads per process | 1 process: s (CPU s) | 2 processes: s (CPU s) | speed-up |")
print("|---|---|---|---|---|")
for (name, threads) in dict.fromkeys((k[0], k[1]) for k in best):
    one, two = best.get((name, threads, 1)), best.get((name, threads, 2))
    if not one or not two:
        continue
    cell = lambda b: "%.3f" % b[0] + ("" if b[1] is None else " (%.2f)" % b[1])
    print("| %s | %s | %s | %s | %.2fx |" % (name, threads, cell(one), cell(two), one[0] / two[0]))
