"""Parallel HDF5 with the stemz filter (native-shim/SCALE-OUT.md).

  mpirun -np N python3 mpi_stemz.py write OUT.h5 SCAN_Y SCAN_X DET [DTYPE]
      every rank writes its own scan rows of OUT.h5:/data collectively through h5py-mpi (the MPI-IO driver);
      HDF5_PLUGIN_PATH must name the plugin built against libhdf5_openmpi (target/plugin-openmpi)
  mpirun -np N python3 mpi_stemz.py bench SOURCE.npz OUT.h5 [REPEAT]
      times a collective write and a read of SOURCE.npz:data split by scan rows (native-shim/scale-out/bench.sh)
  python3 mpi_stemz.py expected OUT.bin SCAN_Y SCAN_X DET [DTYPE]
      the same array, little-endian raw bytes, for comparing with h5dump -b and jhdf
  python3 mpi_stemz.py same OUT.h5 EXPECTED.bin
      serial h5py reads OUT.h5:/data back and compares it bit for bit with EXPECTED.bin (either writer's)

The data are a pure function of the scan row, so every process can recompute any rank's rows.
"""
import hashlib
import os
import sys
import time

import numpy as np

FILTER_ID = 36000


def rows(y0, y1, scan_x, det, dtype):
    """Scan rows y0..y1-1: low-dose Poisson frames with a bright disc, seeded by the row index."""
    yy, xx = np.mgrid[0:det, 0:det]
    disc = ((yy - det / 2) ** 2 + (xx - det / 2) ** 2 < (det / 5) ** 2) * 20.0
    out = np.empty((y1 - y0, scan_x, det, det), dtype=np.dtype(dtype))
    for y in range(y0, y1):
        rng = np.random.default_rng(1000 + y)
        out[y - y0] = rng.poisson(0.3 + disc, size=(scan_x, det, det))
    return out


def split(n, size, rank):
    """Rank RANK's rows of N, as even as possible."""
    base, extra = divmod(n, size)
    start = rank * base + min(rank, extra)
    return start, start + base + (1 if rank < extra else 0)


def write(path, scan_y, scan_x, det, dtype="uint16"):
    from mpi4py import MPI
    import h5py
    comm = MPI.COMM_WORLD
    if not h5py.get_config().mpi:
        sys.exit("h5py was not built with MPI (install python3-h5py-mpi and run under mpirun)")
    y0, y1 = split(scan_y, comm.size, comm.rank)
    local = rows(y0, y1, scan_x, det, dtype)
    comm.Barrier()
    start = time.perf_counter()
    with h5py.File(path, "w", driver="mpio", comm=comm) as f:
        # Dataset creation is collective: every rank makes the same call with the same arguments.
        d = f.create_dataset("data", shape=(scan_y, scan_x, det, det), dtype=dtype,
                             chunks=(1, scan_x, det, det), compression=FILTER_ID)
        # Filtered datasets can only be written collectively (HDF5 >= 1.10.2).
        with d.collective:
            d[y0:y1] = local
    comm.Barrier()
    seconds = time.perf_counter() - start
    if comm.rank == 0:
        print("wrote %s: %d ranks, %d rows, %.3f s" % (path, comm.size, scan_y, seconds))
    print("rank %d rows %d..%d" % (comm.rank, y0, y1 - 1))


def bench(source, path, repeat=3, filtered="stemz"):
    """Times a collective write and a read of SOURCE.npz ('data') split by scan rows over the ranks
    (FILTERED 'none': the same without a filter, for the memory baseline)."""
    import resource
    from mpi4py import MPI
    import h5py
    import json
    comm = MPI.COMM_WORLD
    with np.load(source) as z:
        whole = z["data"]
    y0, y1 = split(whole.shape[0], comm.size, comm.rank)
    local = np.ascontiguousarray(whole[y0:y1])
    writes, reads, cpu_writes, cpu_reads = [], [], [], []
    for _ in range(int(repeat)):
        comm.Barrier()
        cpu = time.process_time()  # every thread of this process, the JVM's included
        start = time.perf_counter()
        with h5py.File(path, "w", driver="mpio", comm=comm) as f:
            d = f.create_dataset("data", shape=whole.shape, dtype=whole.dtype,
                                 chunks=(1,) + whole.shape[1:],
                                 compression=FILTER_ID if filtered == "stemz" else None)
            with d.collective:
                d[y0:y1] = local
        comm.Barrier()
        writes.append(time.perf_counter() - start)
        cpu_writes.append(comm.allreduce(time.process_time() - cpu))
        cpu = time.process_time()
        start = time.perf_counter()
        with h5py.File(path, "r", driver="mpio", comm=comm) as f:
            back = f["data"][y0:y1]
        comm.Barrier()
        reads.append(time.perf_counter() - start)
        cpu_reads.append(comm.allreduce(time.process_time() - cpu))
        if not np.array_equal(back, local):
            sys.exit("rank %d: read back differs" % comm.rank)
    rss = comm.allreduce(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, op=MPI.MAX) / 1024
    if comm.rank == 0:
        print(json.dumps({"ranks": comm.size, "filter": filtered, "max_rss_mib_per_rank": rss, "shape": list(whole.shape), "dtype": str(whole.dtype),
                          "raw_bytes": whole.nbytes, "file_bytes": os.path.getsize(path),
                          "write_s": writes, "read_s": reads,
                          "write_cpu_s": cpu_writes, "read_cpu_s": cpu_reads}))


def expected(path, scan_y, scan_x, det, dtype="uint16"):
    a = rows(0, scan_y, scan_x, det, dtype)
    with open(path, "wb") as f:
        f.write(a.astype(a.dtype.newbyteorder("<"), copy=False).tobytes())
    print("expected", hashlib.sha256(a.tobytes()).hexdigest())


def same(path, expected_bin):
    """Serial h5py reads PATH:/data, stemz-filtered and smaller than raw, equal to EXPECTED.BIN (little-endian)."""
    import h5py
    if os.environ.get("OMPI_COMM_WORLD_SIZE"):
        sys.exit("same must run outside mpirun (serial h5py)")
    with h5py.File(path, "r") as f:
        d = f["data"]
        if str(FILTER_ID) not in d._filters:
            sys.exit("data not stemz-compressed: %s" % d._filters)
        got = d[()]
        stored = d.id.get_storage_size()
    want = np.fromfile(expected_bin, dtype=got.dtype.newbyteorder("<")).reshape(got.shape)
    if not np.array_equal(got, want):
        sys.exit("read back differs from what the ranks wrote at %s" % (np.argwhere(got != want)[:5].tolist(),))
    if not 0 < stored < got.nbytes:
        sys.exit("%d raw bytes stored in %d: not compressed" % (got.nbytes, stored))
    print("identical %s %s, %d raw bytes stored in %d (%.2fx)"
          % (got.dtype, got.shape, got.nbytes, stored, got.nbytes / stored))


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "same":
        same(*args)
    elif command == "bench":
        bench(*args)
    else:
        ints = [int(x) for x in args[1:4]]
        {"write": write, "expected": expected}[command](args[0], *ints, *args[4:])
