#!/usr/bin/python3
"""HDF5 layout 2 (dataset model in cd_values) against the standalone archive and against Blosc-zstd-5, in one run.

For each .npy given: `stemz compress` to an archive, and to HDF5 with one frame per chunk and with 16x16-frame
chunks (layout 2); Blosc-zstd-5 bitshuffle with one frame per chunk through hdf5plugin. Reports bits per pixel,
the median time h5py takes to read one frame (20 frames spread over the scan, each file opened once) and the time
to read the whole dataset. Usage: layout2.py OUTDIR DATA.npy...  (HDF5_PLUGIN_PATH must find the stemz plugin). Note: h5py reads layout-2
cd_values past a 16-value stack array (BENCH-HDF5.md); large models can crash the reading process.
"""
import os, subprocess, sys, time
import h5py, hdf5plugin, numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
stemz = os.path.join(root, "stemz")


def read_times(path, a):
    with h5py.File(path, "r") as f:
        d = f["data"]
        idx = [(i * 7919) % (a.shape[0] * a.shape[1]) for i in range(20)]
        times = []
        for k in idx:
            y, x = divmod(k, a.shape[1])
            t = time.perf_counter()
            frame = d[y, x]
            times.append(time.perf_counter() - t)
            assert np.array_equal(frame, a[y, x]), path
        t = time.perf_counter()
        whole = d[()]
        whole_s = time.perf_counter() - t
        assert np.array_equal(whole, a), path
        return float(np.median(times)), whole_s, d.id.get_storage_size()


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    print("| dataset | archive bpp | 1 frame/chunk bpp | vs archive | 16x16 bpp | vs archive | Blosc 1 frame/chunk bpp "
          "| one-frame read stemz / Blosc ms | whole read stemz / Blosc s |")
    print("|---|---|---|---|---|---|---|---|---|")
    for npy in sys.argv[2:]:
        name = os.path.basename(npy)[:-4]
        a = np.load(npy)
        h, w = a.shape[-2:]
        px = a.size
        arch = os.path.join(out, name + ".stemz")
        subprocess.run([stemz, "compress", npy, "-o", arch, "--force", "-q"], check=True)
        abpp = 8 * os.path.getsize(arch) / px
        res = {}
        for label, chunk in (("frame", "1,1,%d,%d" % (h, w)), ("block", "16,16,%d,%d" % (h, w))):
            path = os.path.join(out, "%s-%s.h5" % (name, label))
            subprocess.run([stemz, "compress", npy, "-o", path, "--chunk", chunk, "--dataset-model", "--force",
                            "-q"], check=True)
            res[label] = read_times(path, a)
        blosc = os.path.join(out, name + "-blosc.h5")
        with h5py.File(blosc, "w") as f:
            f.create_dataset("data", data=a, chunks=(1, 1, h, w),
                             **hdf5plugin.Blosc(cname="zstd", clevel=5, shuffle=hdf5plugin.Blosc.BITSHUFFLE))
        b = read_times(blosc, a)
        fb, bb = 8 * res["frame"][2] / px, 8 * res["block"][2] / px
        print("| %s | %.4f | %.4f | %+.1f%% | %.4f | %+.1f%% | %.4f | %.2f / %.2f | %.2f / %.2f |" % (
            name, abpp, fb, 100 * (fb / abpp - 1), bb, 100 * (bb / abpp - 1), 8 * b[2] / px,
            1e3 * res["frame"][0], 1e3 * b[0], res["frame"][1], b[1]))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
