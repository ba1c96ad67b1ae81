#!/usr/bin/python3
"""HDF5 layout 2 written by `stemz repack --dataset-model`, against the standalone archive and Blosc-zstd-5.

For each .npy: the archive (`stemz compress`); an uncompressed HDF5 copy repacked by `stemz repack --dataset-model`
with one frame per chunk and with 16x16-frame chunks; Blosc-zstd-5 (bitshuffle) with one frame per chunk. Reports
file bytes, the chunk bytes alone (sum of h5py's get_chunk_info sizes, so HDF5's own chunk index and headers show
as file minus chunks), bits per pixel of each against the archive, the model's cd_values count, and the time h5py
takes to read one frame of the one-frame-chunk files (chunk cache off, stemz and Blosc alternating, ROUNDS rounds of 20 frames
spread over the scan; best and median). Usage: layout2-repack.py OUTDIR DATA.npy...  Reads through
`import stemz.hdf5` (h5py alone would over-read the model's cd_values).
"""
import os, subprocess, sys, time
import h5py, hdf5plugin, numpy as np

root = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, os.path.join(root, "python"))
import stemz.hdf5  # noqa: E402 (safe get_filters for layout 2)

STEMZ_CLI = os.path.join(root, "stemz")
ROUNDS = int(os.environ.get("ROUNDS", "10"))


def sizes(path):
    with h5py.File(path, "r") as f:
        d = f["data"]
        chunks = sum(d.id.get_chunk_info(i).size for i in range(d.id.get_num_chunks()))
        vals = stemz.hdf5.filter_pipeline(d.id.get_create_plist())
        return os.path.getsize(path), chunks, d.id.get_storage_size(), vals


def frame_times(path, a, out):
    with h5py.File(path, "r", rdcc_nbytes=0) as f:  # no chunk cache: every read decodes its chunk
        d = f["data"]
        n = a.shape[0] * a.shape[1]
        for i in range(20):
            y, x = divmod((i * 7919 + len(out)) % n, a.shape[1])
            t = time.perf_counter()
            frame = d[y, x]
            out.append(time.perf_counter() - t)
            assert np.array_equal(frame, a[y, x]), path


def main():
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    print("| dataset | archive bytes | bpp | frame chunks: file bytes | chunk bytes | file bpp | vs archive | chunks vs "
          "archive | 16x16: file bytes | chunk bytes | file bpp | vs archive | chunks vs archive | cd_values "
          "| Blosc frame chunks bpp | one-frame read stemz best / median ms | Blosc best / median ms |")
    print("|" + "---|" * 17)
    for npy in sys.argv[2:]:
        name = os.path.basename(npy)[:-4]
        a = np.load(npy)
        h, w = a.shape[-2:]
        px = a.size
        arch = os.path.join(out, name + ".stemz")
        subprocess.run([STEMZ_CLI, "compress", npy, "-o", arch, "--force", "-q"], check=True)
        abytes = os.path.getsize(arch)
        raw = os.path.join(out, name + "-raw.h5")
        with h5py.File(raw, "w") as f:
            f.create_dataset("data", data=a, chunks=(1, a.shape[1], h, w))
        res = {}
        for label, chunk in (("frame", "1x1x%dx%d" % (h, w)), ("block", "16x16x%dx%d" % (h, w))):
            path = os.path.join(out, "%s-%s.h5" % (name, label))
            subprocess.run([STEMZ_CLI, "repack", raw, path, "--chunk", chunk, "--dataset-model", "--force", "-q"],
                           check=True, stderr=subprocess.DEVNULL)
            res[label] = sizes(path)
            assert res[label][3][0][2][0] == 2, "%s: not layout 2: %s" % (path, res[label][3][0][2][:8])
        os.remove(raw)
        blosc = os.path.join(out, name + "-blosc.h5")
        with h5py.File(blosc, "w") as f:
            f.create_dataset("data", data=a, chunks=(1, 1, h, w),
                             **hdf5plugin.Blosc(cname="zstd", clevel=5, shuffle=hdf5plugin.Blosc.BITSHUFFLE))
        bl = sizes(blosc)
        st, bt = [], []
        frame_times(os.path.join(out, name + "-frame.h5"), a, [])  # JVM start, page cache
        frame_times(blosc, a, [])
        for _ in range(ROUNDS):
            frame_times(os.path.join(out, name + "-frame.h5"), a, st)
            frame_times(blosc, a, bt)
        f_file, f_chunks = res["frame"][0], res["frame"][1]
        b_file, b_chunks = res["block"][0], res["block"][1]
        # cd_values count: 7 + rank + ceil(model bytes / 4); slot 5 + rank holds the model bytes
        mbytes = res["frame"][3][0][2][9]
        pct = lambda x: "%+.1f%%" % (100.0 * (x / abytes - 1))
        print("| %s | %d | %.4f | %d | %d | %.4f | %s | %s | %d | %d | %.4f | %s | %s | %d (model %d B) | %.4f "
              "| %.2f / %.2f | %.2f / %.2f |" % (
                  name, abytes, 8.0 * abytes / px, f_file, f_chunks, 8.0 * f_file / px, pct(f_file), pct(f_chunks),
                  b_file, b_chunks, 8.0 * b_file / px, pct(b_file), pct(b_chunks), 11 + (mbytes + 3) // 4, mbytes,
                  8.0 * bl[0] / px, 1e3 * min(st), 1e3 * float(np.median(st)), 1e3 * min(bt),
                  1e3 * float(np.median(bt))))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
