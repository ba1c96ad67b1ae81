#!/usr/bin/env python3
"""Markdown summary of a bench-jmh JSON result (java -jar benchmarks.jar -rf json): Mpx/s per dataset and
thread count. Mpx/s is JMH's "pixels" secondary metric (pixels per second, PixelCounter) divided by 10^6.
Usage: summarize.py RESULT.json [--mode quick|full] [--others TEXT] [--note TEXT] > RESULT.md"""
import argparse
import json
import os
import platform
import re


def machine():
    """One line describing this machine (CPU model, cores, memory, OS)."""
    def grep(path, pattern):
        try:
            with open(path) as f:
                m = re.search(pattern, f.read(), re.M)
                return m.group(1).strip() if m else "?"
        except OSError:
            return "?"
    cpu = grep("/proc/cpuinfo", r"^model name\s*:\s*(.*)$")
    mem_kib = grep("/proc/meminfo", r"^MemTotal:\s*(\d+)")
    mem = f"{int(mem_kib) / 2**20:.0f} GiB" if mem_kib.isdigit() else "?"
    os_name = grep("/etc/os-release", r'^PRETTY_NAME="?([^"\n]*)')
    virt = " (virtual machine)" if "hypervisor" in grep("/proc/cpuinfo", r"^flags\s*:\s*(.*)$") else ""
    return f"{os.cpu_count()} cores {cpu}{virt}, {mem}, {os_name}, {platform.machine()}"


def cell(metric):
    if metric is None:
        return "-"
    score, err = metric["score"] / 1e6, metric["scoreError"]
    err = err / 1e6 if isinstance(err, (int, float)) and err == err else None  # NaN with a single iteration
    return f"{score:.1f}" + (f" ± {err:.1f}" if err is not None else "")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("result")
    ap.add_argument("--mode", default="?")
    ap.add_argument("--others", default="(say whether the machine was quiet or shared, and with what)")
    ap.add_argument("--note", default="")
    args = ap.parse_args()
    with open(args.result) as f:
        runs = json.load(f)
    if not runs:
        raise SystemExit(f"{args.result}: no benchmark results")

    pixels = {}   # (benchmark, dataset, threads) -> pixels metric
    per_op = {}   # dataset -> (pixels per operation, benchmark class)
    order = []
    for r in runs:
        bench = r["benchmark"].rsplit(".", 1)[1]
        p = r.get("params", {})
        ds, threads = p.get("dataset", "?"), int(p.get("threads", 1))
        m = r.get("secondaryMetrics", {}).get("pixels")
        if m is None:
            continue
        pixels[(bench, ds, threads)] = m
        if r["primaryMetric"]["score"] > 0:
            per_op[(ds, bench.endswith("Frame"))] = m["score"] / r["primaryMetric"]["score"]
        if ds not in order:
            order.append(ds)

    first = runs[0]
    jvm_args = " / ".join(dict.fromkeys(" ".join(r.get("jvmArgs", [])) for r in runs))
    out = [f"# bench-jmh {os.path.basename(args.result)}", "",
           f"- Machine: {machine()}.",
           f"- JVM: {first.get('vmName', '?')} {first.get('vmVersion', '?')} (JDK {first.get('jdkVersion', '?')}),"
           f" JMH {first.get('jmhVersion', '?')}, fork options {jvm_args}.",
           f"- Mode {args.mode}: {first['forks']} fork(s), {first['warmupIterations']} warm-up x "
           f"{first['warmupTime']}, {first['measurementIterations']} measurement x {first['measurementTime']}"
           f" iterations; Mpx/s ± JMH's 99.9% confidence half-width.",
           f"- Other jobs on the machine: {args.others}.",
           ]
    if args.note:
        out.append(f"- {args.note}.")

    out += ["", "## Whole dataset (StemzCodec.compress / decompress, default chunks)", "",
            "| dataset | Mpx | encode Mpx/s, 1 thread | encode, 2 threads | decode Mpx/s, 1 thread | "
            "decode, 2 threads | decode 2/1 |",
            "|---|---:|---:|---:|---:|---:|---:|"]
    for ds in order:
        if (ds, False) not in per_op:
            continue
        g = lambda b, t: pixels.get((b, ds, t))
        d1, d2 = g("decode", 1), g("decode", 2)
        ratio = f"{d2['score'] / d1['score']:.2f}x" if d1 and d2 and d1["score"] > 0 else "-"
        out.append(f"| {ds} | {per_op[(ds, False)] / 1e6:.2f} | {cell(g('encode', 1))} | {cell(g('encode', 2))} | "
                   f"{cell(d1)} | {cell(d2)} | {ratio} |")

    out += ["", "## One frame per chunk (the middle frame as its own archive, 1 thread, as an HDF5 chunk)", "",
            "| dataset | frame px | encode Mpx/s | decode Mpx/s | decode µs/frame |",
            "|---|---:|---:|---:|---:|"]
    for ds in order:
        if (ds, True) not in per_op:
            continue
        px = per_op[(ds, True)]
        dec = pixels.get(("decodeFrame", ds, 1))
        us = f"{px / dec['score'] * 1e6:.0f}" if dec and dec["score"] > 0 else "-"
        out.append(f"| {ds} | {px:.0f} | {cell(pixels.get(('encodeFrame', ds, 1)))} | {cell(dec)} | {us} |")
    print("\n".join(out))


if __name__ == "__main__":
    main()
