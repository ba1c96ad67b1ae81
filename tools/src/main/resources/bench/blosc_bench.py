# HDF5 Blosc-zstd benchmark for `stemz bench` (same settings as shared/bench/peers.py's row-chunk Blosc rows).
# usage: blosc_bench.py RAW DTYPE REPETITIONS SHAPE...   prints {"bytes": .., "encode_s": .., "decode_s": ..}
import json, os, sys, tempfile, time
import numpy as np, h5py, hdf5plugin

raw, dtype, reps = sys.argv[1], sys.argv[2], int(sys.argv[3])
shape = tuple(int(s) for s in sys.argv[4:])
a = np.fromfile(raw, dtype=dtype).reshape(shape)
a3 = a.reshape((-1,) + shape[-2:]) if a.ndim != 4 else a
chunks = (1,) + a3.shape[1:]  # one scan row (4-D) or one frame (3-D) per chunk
path = os.path.join(os.path.dirname(raw), "blosc.h5")
B = hdf5plugin.Blosc
best_w = best_r = float("inf")
for i in range(reps + 1):
    with h5py.File(path, "w") as f:
        t = time.perf_counter()
        f.create_dataset("d", data=a3, chunks=chunks, **B(cname="zstd", clevel=5, shuffle=B.BITSHUFFLE))
        f.flush()
        tw = time.perf_counter() - t
        size = f["d"].id.get_storage_size()
    with h5py.File(path, "r") as f:
        t = time.perf_counter()
        back = f["d"][...]
        tr = time.perf_counter() - t
    assert np.array_equal(back, a3)
    if i > 0:
        best_w, best_r = min(best_w, tw), min(best_r, tr)
os.remove(path)
print(json.dumps({"bytes": int(size), "encode_s": best_w, "decode_s": best_r}))
