#!/usr/bin/env python3
"""stemz with Dask distributed: the recipe of native-shim/SCALE-OUT.md, runnable as is.

  dask_stemz.py make RAW.h5 STEMZ.h5 (SCAN_Y SCAN_X DET | --from SOURCE.npz)
      test data: the same array uncompressed (RAW.h5:/data) and stemz-filtered (STEMZ.h5:/data)
  dask_stemz.py analyse STEMZ.h5 [--raw RAW.h5] [--workers N] [--rows R] [--repeat K]
      virtual bright field, annular dark field and centre of mass on a LocalCluster of N worker processes;
      with --raw, also with NumPy on the uncompressed file, and exit 1 unless all three maps are identical
  dask_stemz.py compress [--workers N] [--stemz CMD] [--out DIR] FILE...
      `stemz compress` on every FILE in parallel (client.map), one JSON summary, exit 1 if any file failed

HDF5_PLUGIN_PATH must name the stemz plugin folder (native-shim/target/plugin); workers inherit it.
Worker processes are spawned, never forked: the plugin's JVM (one per worker process, started at the first
chunk) is never inherited through fork.
"""
import argparse
import json
import os
import shlex
import subprocess
import sys
import time

import numpy as np

FILTER_ID = 36000


def make(raw, compressed, scan_y, scan_x, det, source=None):
    """Low-dose frames with a bright disc that moves a little with the scan position (so the CoM map varies),
    or the array 'data' of SOURCE.npz."""
    if source:
        with np.load(source) as z:
            a = z["data"]
        write_pair(raw, compressed, a)
        return
    rng = np.random.default_rng(7)
    yy, xx = np.mgrid[0:det, 0:det]
    a = np.empty((scan_y, scan_x, det, det), dtype=np.uint16)
    for y in range(scan_y):
        for x in range(scan_x):
            cy, cx = det / 2 + 2 * np.sin(y / 3), det / 2 + 2 * np.cos(x / 3)
            disc = ((yy - cy) ** 2 + (xx - cx) ** 2 < (det / 6) ** 2) * 30.0
            a[y, x] = rng.poisson(0.2 + disc)
    write_pair(raw, compressed, a)


def write_pair(raw, compressed, a):
    """RAW.h5 uncompressed and STEMZ.h5 stemz-filtered, both chunked by scan row."""
    import h5py
    chunks = (1,) + a.shape[1:]
    with h5py.File(raw, "w") as f:
        f.create_dataset("data", data=a, chunks=chunks)
    with h5py.File(compressed, "w") as f:
        f.create_dataset("data", data=a, chunks=chunks, compression=FILTER_ID)
    print("made", a.shape, a.dtype, os.path.getsize(raw), "->", os.path.getsize(compressed), "bytes")


class H5Array:
    """A picklable stand-in for an h5py dataset: workers open the file themselves (h5py objects do not pickle),
    and every read goes through HDF5 and so through the stemz plugin in the worker's own process."""

    def __init__(self, path, name="data"):
        import h5py
        self.path, self.name = path, name
        with h5py.File(path, "r") as f:
            d = f[name]
            self.shape, self.dtype, self.chunks = d.shape, d.dtype, d.chunks
        self.ndim = len(self.shape)

    def __getitem__(self, key):
        import h5py
        with h5py.File(self.path, "r") as f:
            return f[self.name][key]


def detector_weights(det):
    """One row per map: total, bright-field disc, annular dark-field ring, y and x pixel coordinates."""
    yy, xx = np.mgrid[0:det, 0:det]
    r = np.hypot(yy - det / 2, xx - det / 2)
    bf = r < det / 5
    adf = (r >= det / 4) & (r < det / 2)
    return np.stack([np.ones((det, det)), bf, adf, yy, xx]).reshape(5, det * det).astype(np.float64)


def project(frames, weights):
    """(..., det, det) frames -> (..., 5) weighted sums, one matrix product. The sums are of integers below
    2**53, so float64 adds them exactly: any chunking and any summation order give identical results."""
    flat = frames.reshape(-1, weights.shape[1]).astype(np.float64)
    return (flat @ weights.T).reshape(frames.shape[:-2] + (weights.shape[0],))


def numpy_maps(a):
    """The same maps straight from NumPy on the whole array (masks and int64 sums), independent of project()."""
    det = a.shape[-1]
    yy, xx = np.mgrid[0:det, 0:det]
    r = np.hypot(yy - det / 2, xx - det / 2)
    total = np.maximum(a.sum(axis=(-2, -1), dtype=np.int64), 1)
    return {"bf": a[..., r < det / 5].sum(axis=-1, dtype=np.int64).astype(np.float64),
            "adf": a[..., (r >= det / 4) & (r < det / 2)].sum(axis=-1, dtype=np.int64).astype(np.float64),
            "com_y": (a * yy).sum(axis=(-2, -1), dtype=np.int64) / total,
            "com_x": (a * xx).sum(axis=(-2, -1), dtype=np.int64) / total}


def maps(sums):
    """BF, ADF and centre of mass (y, x) in pixels from the (..., 5) sums of project()."""
    total = np.maximum(sums[..., 0], 1)
    return {"bf": sums[..., 1], "adf": sums[..., 2], "com_y": sums[..., 3] / total, "com_x": sums[..., 4] / total}


def analyse(path, raw=None, workers=2, rows=None, repeat=1):
    import dask
    import dask.array as da
    from distributed import Client, LocalCluster
    # spawn is distributed's default; set it so a changed site config cannot make workers fork
    dask.config.set({"distributed.worker.multiprocessing-method": "spawn"})
    source = H5Array(path)
    # one frame read here fails early and clearly if the plugin is not found, and starts this process's JVM:
    # harmless, because the workers are spawned (a forked worker would make the plugin refuse to run)
    source[0:1, 0:1]
    block_rows = rows or max(1, source.shape[0] // (2 * workers))
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        chunks = (block_rows,) + tuple(source.shape[1:])
        weights = detector_weights(source.shape[-1])
        # warm-up outside the timing: every worker starts its JVM at its first chunk
        warm = da.from_array(source, chunks=chunks, name="stemz-warm-up")
        client.compute(warm.sum(axis=(1, 2, 3))).result()
        times, cpu = [], []
        for i in range(repeat):
            # a new graph name each time, so no repeat reuses anything of the previous one
            frames = da.from_array(source, chunks=chunks, name="stemz-frames-%d" % i)
            sums = frames.map_blocks(project, weights, drop_axis=[2, 3], new_axis=[2],
                                     chunks=chunks[:2] + (len(weights),), dtype=np.float64)
            before = sum(client.run(time.process_time).values())
            start = time.perf_counter()
            result = maps(sums.compute())
            times.append(time.perf_counter() - start)
            cpu.append(sum(client.run(time.process_time).values()) - before)  # the workers' CPU seconds
    seconds = min(times)
    report = {"file": path, "workers": workers, "block_rows": block_rows, "seconds": seconds, "all_seconds": times,
              "worker_cpu_seconds": cpu,
              "frames_per_second": source.shape[0] * source.shape[1] / seconds,
              "shape": list(source.shape)}
    if raw is not None:
        import h5py
        with h5py.File(raw, "r") as f:
            if f["data"].compression is not None or f["data"]._filters:
                sys.exit("%s is compressed; --raw takes the uncompressed file" % raw)
            reference = numpy_maps(f["data"][()])
        different = [k for k in reference if not np.array_equal(reference[k], result[k])
                     or reference[k].dtype != result[k].dtype]
        report["identical_to_numpy"] = not different
        # guard against a recipe that is wrong in the same way as its reference: maps that carry no image
        flat = [k for k in ("bf", "adf", "com_y", "com_x") if np.ptp(result[k]) == 0]
        if flat:
            report["identical_to_numpy"] = False
            report["constant_maps"] = flat
        if different:
            report["different"] = different
    print(json.dumps(report))
    return 0 if report.get("identical_to_numpy", True) else 1


def compress_one(stemz, path, out_dir):
    """Runs in a worker: one `stemz compress` process (its own JVM), its JSON result or its error."""
    out = os.path.join(out_dir or os.path.dirname(os.path.abspath(path)), os.path.basename(path) + ".stemz")
    p = subprocess.run(shlex.split(stemz) + ["compress", "--json", "-T", "1", path, "-o", out],
                       capture_output=True, text=True)
    return {"input": path, "exit": p.returncode, "ok": p.returncode == 0,
            "result": json.loads(p.stdout) if p.returncode == 0 else None,
            "error": p.stderr.strip() or None}


def compress(files, workers=2, stemz="stemz", out_dir=None):
    from distributed import Client, LocalCluster
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        start = time.perf_counter()
        futures = client.map(compress_one, [stemz] * len(files), files, [out_dir] * len(files), pure=False)
        results = client.gather(futures)
        seconds = time.perf_counter() - start
    failed = [r["input"] for r in results if not r["ok"]]
    print(json.dumps({"files": len(files), "ok": len(files) - len(failed), "failures": failed,
                      "workers": workers, "seconds": seconds, "results": results}))
    return 1 if failed else 0


def main(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = p.add_subparsers(dest="command", required=True)
    m = sub.add_parser("make")
    m.add_argument("raw")
    m.add_argument("compressed")
    m.add_argument("dims", nargs="*", type=int, help="SCAN_Y SCAN_X DET (unless --from)")
    m.add_argument("--from", dest="source", help="take the array 'data' of this .npz")
    a = sub.add_parser("analyse")
    a.add_argument("file")
    a.add_argument("--raw")
    a.add_argument("--workers", type=int, default=2)
    a.add_argument("--rows", type=int)
    a.add_argument("--repeat", type=int, default=1, help="time the maps this many times, report the fastest")
    c = sub.add_parser("compress")
    c.add_argument("files", nargs="+")
    c.add_argument("--workers", type=int, default=2)
    c.add_argument("--stemz", default="stemz", help="the stemz command (default: stemz on PATH)")
    c.add_argument("--out")
    args = p.parse_args(argv)
    if args.command == "make":
        if not args.source and len(args.dims) != 3:
            p.error("make needs SCAN_Y SCAN_X DET or --from SOURCE.npz")
        return make(args.raw, args.compressed, *(args.dims or [0, 0, 0]), source=args.source) or 0
    if args.command == "analyse":
        return analyse(args.file, args.raw, args.workers, args.rows, args.repeat)
    return compress(args.files, args.workers, args.stemz, args.out)


if __name__ == "__main__":  # required: spawned workers import this file
    sys.exit(main(sys.argv[1:]))
