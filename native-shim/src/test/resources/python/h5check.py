"""h5py side of the stemz HDF5 filter tests. One subcommand per check; exit 0 when it holds, else non-zero with
the reason on stderr. HDF5 finds the plugin through HDF5_PLUGIN_PATH, set by the caller."""
import hashlib
import multiprocessing
import os
import sys

import h5py
import numpy as np


def load(path):
    """An array from .npy or .npz (key 'data')."""
    if path.endswith(".npz"):
        with np.load(path) as z:
            return z["data"]
    return np.load(path)


def parse_slices(text):
    return tuple(slice(*[int(x) if x else None for x in part.split(":")]) for part in text.split(","))


def make(src, out, slices, chunks, dtype=None):
    """Writes a slice of a test array to OUT:/data (chunked, unfiltered), optionally cast (e.g. '>f8')."""
    a = np.ascontiguousarray(load(src)[parse_slices(slices)])
    if dtype:
        a = a.astype(np.dtype(dtype))
    with h5py.File(out, "w") as f:
        f.create_dataset("data", data=a, chunks=tuple(int(c) for c in chunks.split(",")))
    print(a.shape, a.dtype)


def digest(path, name):
    a = h5py.File(path, "r")[name][()]
    return "%s %s %s" % (a.dtype.str, a.shape, hashlib.sha256(a.tobytes()).hexdigest())


def equal(a, b, name):
    """Both files' datasets hold the same dtype, shape and bytes."""
    da, db = digest(a, name), digest(b, name)
    if da != db:
        sys.exit("different: %s vs %s" % (da, db))
    print("equal", da)


def write(path, name, dtype, seed):
    """Writes a stemz-filtered dataset through h5py (set_local fills cd_values) from low-dose Poisson data."""
    rng = np.random.default_rng(int(seed))
    a = rng.poisson(0.7, size=(3, 4, 24, 20)).astype(np.dtype(dtype))
    with h5py.File(path, "w") as f:
        f.create_dataset(name, data=a, chunks=(1, 4, 24, 20), compression=36000)
    print(digest(path, name))


def read_error(path, name):
    """Reading must raise; prints the message. Exit 3 if the read returned data."""
    try:
        a = h5py.File(path, "r")[name][()]
    except Exception as e:  # h5py raises OSError; anything is fine as long as it is raised
        print("%s: %s" % (type(e).__name__, e))
        return
    sys.exit("read returned data (max %s) instead of failing" % a.max())


def corrupt(path, name):
    """Flips one byte in the middle of the first stored chunk (located without decoding it)."""
    with h5py.File(path, "r") as f:
        info = f[name].id.get_chunk_info(0)
    with open(path, "r+b") as f:
        f.seek(info.byte_offset + info.size // 2)
        b = f.read(1)
        f.seek(-1, 1)
        f.write(bytes([b[0] ^ 0x5A]))
    print("flipped byte", info.byte_offset + info.size // 2)


def make_tree(src, out):
    """A file like a microscope's: a 4-D scan in a group, attributes (numbers, strings), other objects."""
    a = np.ascontiguousarray(load(src)[:3, :5])
    with h5py.File(out, "w") as f:
        f.attrs["title"] = "test scan"
        g = f.create_group("experiment/scan")
        d = g.create_dataset("frames", data=a, chunks=(1, 5) + a.shape[2:])
        d.attrs["units"] = "counts"
        d.attrs["pixel_size"] = np.array([0.1, 0.2])
        g.attrs["step_nm"] = 0.5
        f.create_dataset("experiment/energies", data=np.arange(7.0))
        f.create_dataset("notes", data="a string dataset")
        f.create_group("empty")


def _tree(path):
    items = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            value = obj[()] if isinstance(obj, h5py.Dataset) else None
            if isinstance(value, np.ndarray):
                value = hashlib.sha256(value.tobytes()).hexdigest() + str(value.dtype) + str(value.shape)
            attrs = {k: str(v) for k, v in obj.attrs.items()}
            items[name] = (type(obj).__name__, str(value), attrs)
        f.visititems(visit)
        items["/"] = ("root", None, {k: str(v) for k, v in f.attrs.items()})
    return items


def same_tree(a, b, compressed):
    """Same objects, values and attributes; COMPRESSED (comma-separated) use the stemz filter."""
    ta, tb = _tree(a), _tree(b)
    if ta != tb:
        sys.exit("trees differ:\n%s\n%s" % (ta, tb))
    with h5py.File(b, "r") as f:
        for name in compressed.split(","):
            filters = f[name]._filters
            if "36000" not in filters:
                sys.exit("%s not stemz-compressed: %s" % (name, filters))
    print("same tree,", len(ta), "objects")


def interrupt(path, name):
    """Ctrl-C while the filter works raises KeyboardInterrupt (the JVM runs with -Xrs), and reading still works."""
    import signal
    import threading
    d = h5py.File(path, "r")[name]
    d[0]  # the JVM is started
    threading.Timer(0.5, lambda: os.kill(os.getpid(), signal.SIGINT)).start()
    try:
        while True:
            d[()]
    except KeyboardInterrupt:
        print("KeyboardInterrupt; then read", d[()].sum())


def _worker(args):
    return digest(*args)


def processes(original, compressed, name, n):
    """N spawned processes read the compressed dataset; all must match the original (read in this process,
    which never touches the filter)."""
    want = digest(original, name)
    with multiprocessing.get_context("spawn").Pool(int(n)) as pool:
        got = pool.map(_worker, [(compressed, name)] * int(n) * 2)
    bad = [g for g in got if g != want]
    if bad:
        sys.exit("%d of %d reads differ: %s vs %s" % (len(bad), len(got), bad[0], want))
    print("all %d reads equal" % len(got))


def forked(path, name):
    """Reads (starting the JVM), forks, and the child reads again: it must fail with a message about fork."""
    digest(path, name)
    pid = os.fork()
    if pid == 0:
        try:
            h5py.File(path, "r")[name][()]
            code = 3
        except Exception as e:
            print("child: %s" % e, flush=True)
            code = 0 if "fork" in str(e) and "stemz" in str(e) else 4
        os._exit(code)
    _, status = os.waitpid(pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code != 0:
        sys.exit("child exited with %d" % code)
    digest(path, name)  # the parent still works
    print("fork detected")


def create_error(path, shape, dtype):
    """create_dataset(..., compression=36000) as h5py users write it must raise (prints the message); exit 3 if the
    dataset was created, 4 if a chunk was then stored without the filter."""
    shape = tuple(int(x) for x in shape.split(","))
    try:
        with h5py.File(path, "w") as f:
            d = f.create_dataset("data", shape=shape, dtype=np.dtype(dtype), chunks=(1,) * (len(shape) - 2)
                                 + shape[-2:], compression=36000)
            d[(0,) * len(shape)] = 1
            f.flush()
            mask = d.id.get_chunk_info(0).filter_mask if d.id.get_num_chunks() else 0
    except Exception as e:
        print("raised: %s" % e)
        return
    sys.exit("created without an error (chunk filter mask %d)" % mask if mask == 0 else 4)


def write_blosc(path):
    """Writes /blosc (Blosc-zstd through hdf5plugin) and /plain; prints the digest of the Blosc one."""
    import hdf5plugin
    a = np.random.default_rng(2).poisson(0.7, size=(4, 24, 20)).astype("<u2")
    with h5py.File(path, "w") as f:
        f.create_dataset("blosc", data=a, chunks=(1, 24, 20), **hdf5plugin.Blosc(cname="zstd", clevel=5))
    print(digest(path, "blosc"))


def read_both(blosc_path, stemz_path, name):
    """In one process, without importing hdf5plugin: a Blosc and a stemz dataset both read (prints digests)."""
    print(digest(blosc_path, "blosc"))
    print(digest(stemz_path, name))
    if "hdf5plugin" in sys.modules:
        sys.exit("hdf5plugin was imported: the test proves nothing")


def layout2(path):
    """cd_values of layout 2 (a dataset model) are kept by set_local only if they match the dataset and the filter is
    mandatory (h5py adds it as optional, so through h5py they are refused): creation raises with the reason."""
    cases = [((2, 2, 2, 0, 4, 1, 1, 64, 64, 4, 0, 7), "must come with a mandatory filter"),
             ((2, 1, 1, 0, 4, 1, 1, 64, 64, 4, 0, 7), "another element type or chunk shape")]
    for opts, reason in cases:
        try:
            with h5py.File(path, "w") as f:
                f.create_dataset("d", shape=(2, 3, 64, 64), dtype="<u2", chunks=(1, 1, 64, 64), compression=36000,
                                 compression_opts=opts)
            sys.exit("created with cd_values %s" % (opts,))
        except ValueError as e:
            if "stemz" not in str(e) or reason not in str(e):
                sys.exit("%s: wrong reason: %s" % (opts, e))
            print("raised: %s" % e)


def safe_digest(path, name, where, helper):
    """Digest of a dataset read in the main thread or a threading.Thread, after `import stemz.hdf5` (helper "import")
    or with plain h5py ("plain"); prints the stemz filter's cd_values count as h5py's Dataset sees it."""
    if helper == "import":
        import stemz.hdf5  # noqa: F401 (replaces h5py's get_filters)
    out = []

    def read():
        with h5py.File(path, "r") as f:
            d = f[name]
            values = d._filters.get("36000")
            a = d[()]
            out.append("%s %s %s values %d" % (a.dtype.str, a.shape, hashlib.sha256(a.tobytes()).hexdigest(),
                                               len(values or ())))
    if where == "thread":
        import threading
        t = threading.Thread(target=read)
        t.start()
        t.join()
    else:
        read()
    if not out:
        sys.exit("the read raised (see above)")
    print(out[0])


def mandatory(path, name):
    """The dataset's stemz filter is stored mandatory although h5py adds filters by number as optional."""
    flags = h5py.File(path, "r")[name].id.get_create_plist().get_filter_by_id(36000)[0]
    if flags & h5py.h5z.FLAG_OPTIONAL:
        sys.exit("the stemz filter is optional (flags %#x)" % flags)
    print("mandatory, flags %#x" % flags)


if __name__ == "__main__":
    commands = {"make": make, "equal": equal, "write": write, "read-error": read_error,
                "processes": processes, "fork": forked, "corrupt": corrupt, "make-tree": make_tree, "interrupt": interrupt,
                "same-tree": same_tree, "create-error": create_error, "mandatory": mandatory, "write-blosc": write_blosc,
                "read-both": read_both, "safe-digest": safe_digest, "layout2": layout2, "digest": lambda p, n: print(digest(p, n))}
    commands[sys.argv[1]](*sys.argv[2:])
