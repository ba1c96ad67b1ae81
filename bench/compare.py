#!/usr/bin/python3
"""Puts stemz beside the off-the-shelf codecs in one run, on the datasets of ../shared/data/sim (or given files).

usage: bench/compare.py [DATASET.npz|DATASET.npy ...] [--repeat N] [--out results.json]

For each dataset it runs `./stemz bench --json` (stemz on 1 thread and all cores, gzip, zstd, HDF5 Blosc-zstd) and
the shared peer script `peers.py --fast` (adds bzip2, xz, PNG, JPEG XL and the entropy bounds), then prints one
Markdown table. Needs /usr/bin/python3 with numpy, h5py, hdf5plugin, PIL and libjxl-tools for the peer script.
"""
import glob, json, os, subprocess, sys, tempfile, zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(ROOT), "shared")


def npy_of(path, tmp):
    if path.endswith(".npz"):
        out = os.path.join(tmp, os.path.basename(os.path.dirname(path)) + ".npy")
        with zipfile.ZipFile(path) as z, open(out, "wb") as f:
            f.write(z.read("data.npy"))
        return out
    return path


def run_json(cmd):
    return json.loads(subprocess.run(cmd, check=True, capture_output=True, text=True).stdout)


def main():
    args = sys.argv[1:]
    repeat = args[args.index("--repeat") + 1] if "--repeat" in args else "5"
    out = args[args.index("--out") + 1] if "--out" in args else None
    files = [a for a in args if a.endswith((".npy", ".npz"))] or sorted(glob.glob(os.path.join(SHARED, "data/sim/*/data.npz")))
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            name = os.path.basename(os.path.dirname(f)) if f.endswith(".npz") else os.path.basename(f)
            npy = npy_of(f, tmp)
            ours = run_json([os.path.join(ROOT, "stemz"), "bench", npy, "--json", "--repeat", repeat, "--quiet"])
            peers_json = os.path.join(tmp, "peers.json")
            subprocess.run(["/usr/bin/python3", os.path.join(SHARED, "bench/peers.py"), npy, "--fast", "--json", peers_json],
                           check=True, capture_output=True)
            with open(peers_json) as fh:
                peers = json.load(fh)
            results.append(dict(dataset=name, stemz=ours, peers=peers))
            print_row(name, ours, peers, header=len(results) == 1)
    if out:
        with open(out, "w") as fh:
            json.dump(results, fh, indent=1)


def print_row(name, ours, peers, header):
    s1 = next(r for r in ours["results"] if r["method"] == "stemz" and r["threads"] == 1)
    sn = max((r for r in ours["results"] if r["method"] == "stemz"), key=lambda r: r["threads"])
    blosc = next((r for r in ours["results"] if r["method"].startswith("HDF5 blosc")), None)
    rows = [r for r in peers["rows"] if not r["method"].startswith("bound") and r["method"] != "raw"]
    best = min(rows, key=lambda r: r["bpp"])
    bound = next((r["bpp"] for r in peers["rows"] if r["method"].startswith("bound: per-pixel")), None)
    if header:
        print("| dataset | dtype | stemz bpp (model incl.) | per-pixel bound | best peer | Blosc-zstd-5 bpp | "
              "stemz enc / dec Mpx/s, 1 thread | stemz enc / dec Mpx/s, %d threads | Blosc-zstd enc / dec Mpx/s |" % sn["threads"])
        print("|---|---|---|---|---|---|---|---|---|")
    print("| %s | %s | **%.3f** | %s | %s %.3f | %s | %.0f / %.0f | %.0f / %.0f | %s |" % (
        name, ours["dtype"], s1["bits_per_pixel"], "%.3f" % bound if bound else "-", best["method"], best["bpp"],
        "%.3f" % blosc["bits_per_pixel"] if blosc else "-",
        s1["encode_megapixels_per_s"], s1["decode_megapixels_per_s"], sn["encode_megapixels_per_s"], sn["decode_megapixels_per_s"],
        "%.0f / %.0f" % (blosc["encode_megapixels_per_s"], blosc["decode_megapixels_per_s"]) if blosc else "-"))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
