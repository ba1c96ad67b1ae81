"""The stemz HDF5 filter (id 36000) for h5py, in the style of hdf5plugin.

    import stemz.hdf5
    with h5py.File("scan.h5", "w") as f:
        f.create_dataset("data", data=a, **stemz.hdf5.Stemz(a.shape))

Importing this module points HDF5 at the stemz plugin for this process (and for child processes, through
HDF5_PLUGIN_PATH), in front of the plugins already configured: Blosc, LZ4 & co. keep working. The plugin
(libstemz_h5filter.so and stemz-filter-all.jar) is found in $STEMZ_PLUGIN_DIR, else in the stemz checkout this
module belongs to (native-shim/target/plugin), else where it was when this package was installed, else in a folder
of HDF5_PLUGIN_PATH. The codec runs in a Java runtime (17+) that the plugin starts inside this process.

Reading: importing this module also makes h5py safe for datasets whose stemz filter carries the dataset model
(cd_values layout 2, written by `stemz repack --dataset-model` and `stemz compress -o OUT.h5 --dataset-model`):
plain h5py reads such cd_values past a 16-value stack array when it opens the dataset (garbage values; SIGSEGV in
the main thread from about 1,800 values, always from 3,500; native-shim/README.md, troubleshooting). **Import
stemz.hdf5 before opening a layout-2 file**; layout-1 files (what h5py's compression=36000 writes) need nothing.

Chunk choice: file bytes against the standalone archive, srtio3_merlin 40x40x128x128 uint16 (archive 4,766,652
bytes), from the README's HDF5 table (whole files, 2026-12-03, `stemz compress X.npy -o X.h5 --chunk ...`):

    chunks            model per chunk            dataset model                note
                      (h5py compression=36000)   (stemz ... --dataset-model)
    (16, 16, h, w)    +1.5%                      +0.05%                       a single-frame read decodes 256 frames
    (1, 1, h, w)      +73%                       +1.4%                        fastest single-frame reads
    sub-frame         worse still                (not written)                never: each piece modelled on its own

Over the five test datasets: 16x16 frames +0.03% to +4.3% with a model per chunk, +0.004% to +0.6% with the
dataset model; one frame per chunk +4.8% to +170%, and +0.07% to +17.1% (graphene's 230-byte frames pay about 40
bytes a chunk: payload header, rANS states, HDF5's index). One scan row (1, 40, h, w), the default here, was
+5.8% with a model per chunk (format v1, native-shim/BENCH-HDF5.md). h5py's create_dataset can only write a model
per chunk (the filter sees one chunk at a time); for small chunks write with `stemz repack --dataset-model`.

Whole frames are required for good ratios: the chunk's last two axes must be the detector frame.
"""
import os

FILTER_ID = 36000
"""The stemz filter id (unregistered range, format-spec/HDF5-FILTER.md)."""

PLUGIN_LIBRARY = "libstemz_h5filter.so"
PLUGIN_JAR = "stemz-filter-all.jar"

_HERE = os.path.dirname(os.path.abspath(__file__))


class StemzUnavailable(RuntimeError):
    """The stemz filter cannot work in this process: no plugin, no codec jar or no Java runtime."""


def _installed_plugin_dir():
    try:
        from stemz import _install  # written by setup.py at install time
        return _install.PLUGIN_DIR
    except ImportError:
        return None


def _candidates():
    env = os.environ.get("STEMZ_PLUGIN_DIR")
    if env:
        return [env]  # explicit: nothing else is tried
    dirs = [os.path.join(_HERE, "..", "..", "native-shim", "target", "plugin")]
    installed = _installed_plugin_dir()
    if installed:
        dirs.append(installed)
    dirs += [d for d in os.environ.get("HDF5_PLUGIN_PATH", "").split(os.pathsep) if d]
    return dirs


def plugin_dir():
    """The folder holding the stemz plugin; raises StemzUnavailable naming the folders tried."""
    tried = []
    for d in _candidates():
        d = os.path.normpath(os.path.abspath(d))
        if os.path.isfile(os.path.join(d, PLUGIN_LIBRARY)):
            return d
        tried.append(d)
    raise StemzUnavailable(
        "stemz: HDF5 plugin %s not found (tried %s); build it with `mvn package -pl native-shim -am` or set "
        "STEMZ_PLUGIN_DIR" % (PLUGIN_LIBRARY, ", ".join(tried) or "nothing"))


def _build_java_home(folder):
    """The JDK the plugin was built with (its last resort), as the build records it beside the plugin."""
    try:
        with open(os.path.join(folder, "build-java-home.txt")) as f:
            return f.read().strip() or None
    except OSError:
        return None


def java_runtime(folder=None):
    """The libjvm.so the plugin will load, searched as the plugin does; raises StemzUnavailable if there is none."""
    explicit = os.environ.get("STEMZ_LIBJVM")
    if explicit:
        if os.access(explicit, os.R_OK):
            return explicit
        raise StemzUnavailable("stemz: no Java runtime: STEMZ_LIBJVM=%s is not readable" % explicit)
    homes = [os.environ.get("JAVA_HOME")]
    for d in os.environ.get("PATH", "").split(os.pathsep):
        java = os.path.join(d, "java")
        if d and os.access(java, os.X_OK):
            homes.append(os.path.dirname(os.path.dirname(os.path.realpath(java))))
            break
    homes.append(_build_java_home(folder or plugin_dir()))
    tried = []
    for home in homes:
        if home:
            lib = os.path.join(home, "lib", "server", "libjvm.so")
            if os.access(lib, os.R_OK):
                return lib
            tried.append(lib)
    raise StemzUnavailable("stemz: no Java runtime found (tried %s); install a JRE 17+ or set JAVA_HOME or "
                           "STEMZ_LIBJVM" % (", ".join(tried) or "nothing: JAVA_HOME unset and no java on PATH"))


def register():
    """Puts the stemz plugin folder first in HDF5's plugin path for this process and its children; returns it.
    Safe to call again. Done on import."""
    folder = plugin_dir()
    current = [d for d in os.environ.get("HDF5_PLUGIN_PATH", "").split(os.pathsep) if d]
    import h5py  # HDF5 read HDF5_PLUGIN_PATH when h5py loaded it: change the live search path too
    live = [h5py.h5pl.get(i).decode() for i in range(h5py.h5pl.size())]
    if not current:
        current = list(live)  # HDF5's default folder: keep it for children (e.g. h5repack)
    if folder not in current:
        os.environ["HDF5_PLUGIN_PATH"] = os.pathsep.join([folder] + current)
    if folder not in live:
        h5py.h5pl.prepend(folder.encode())
    return folder


def filter_avail():
    """True when HDF5 finds the stemz filter (this loads the plugin, not the Java runtime)."""
    import h5py
    return bool(h5py.h5z.filter_avail(FILTER_ID))


def default_chunks(shape):
    """Whole frames, as `stemz repack` chooses: one scan row for 4-D data (1, ..., 1, scan_x, h, w), about 4 MiB of
    frames for a 3-D stack (itemsize 2 assumed), the whole frame for 2-D data."""
    shape = tuple(int(s) for s in shape)
    if len(shape) >= 4:
        return (1,) * (len(shape) - 3) + shape[-3:]
    if len(shape) == 3:
        return (max(1, min(shape[0], (4 << 20) // max(1, shape[1] * shape[2] * 2))),) + shape[1:]
    return shape


CHUNK_LAYOUTS = ("row", "frame", "block16")


class Stemz(dict):
    """h5py create_dataset keyword arguments for the stemz filter: ``compression=36000`` and, given the dataset's
    shape, ``chunks`` of whole frames (``layout``: "row" one scan row, the default; "frame" one frame per chunk;
    "block16" 16x16 scan positions; or ``chunks=`` explicitly). The filter is mandatory in the file (the plugin
    stores it so although h5py asks for an optional filter): a chunk that cannot be compressed is an error, never
    stored raw. Raises StemzUnavailable when the plugin, its jar or a Java runtime is missing, and ValueError for
    chunks that split frames."""

    filter_id = FILTER_ID

    def __init__(self, shape=None, layout="row", chunks=None):
        super().__init__()
        folder = register()
        if not os.path.isfile(os.path.join(folder, PLUGIN_JAR)):
            raise StemzUnavailable("stemz: codec jar %s is missing beside the plugin"
                                   % os.path.join(folder, PLUGIN_JAR))
        java_runtime(folder)
        if not filter_avail():
            raise StemzUnavailable("stemz: HDF5 does not load the plugin in %s (HDF5_PLUGIN_PATH=%s)"
                                   % (folder, os.environ.get("HDF5_PLUGIN_PATH")))
        self["compression"] = FILTER_ID
        if chunks is None and shape is not None:
            chunks = self.layout_chunks(shape, layout)
        if chunks is not None:
            chunks = tuple(int(c) for c in chunks)
            if shape is not None and len(shape) >= 2 and (chunks[-1] < shape[-1] or chunks[-2] < shape[-2]):
                raise ValueError("stemz: chunks %s split the %dx%d frames; each chunk is modelled on its own, use "
                                 "whole frames such as %s" % (chunks, shape[-2], shape[-1], default_chunks(shape)))
            self["chunks"] = chunks

    @staticmethod
    def layout_chunks(shape, layout):
        shape = tuple(int(s) for s in shape)
        if layout == "row" or len(shape) < 3:
            return default_chunks(shape)
        if layout == "frame":
            return (1,) * (len(shape) - 2) + shape[-2:]
        if layout == "block16" and len(shape) >= 4:
            return (1,) * (len(shape) - 4) + (min(16, shape[-4]), min(16, shape[-3])) + shape[-2:]
        raise ValueError("stemz: layout %r is not one of %s (block16 needs 4-D data)" % (layout, CHUNK_LAYOUTS))


# --- h5py's filter pipeline, read without its stack over-read -------------------------------------------------
# h5py up to 3.15 reads a dataset's filters through PropDCID.get_filter, which passes a 16-value stack array to
# H5Pget_filter2 and then copies as many values as the filter really has: past the array for a stemz dataset
# model (layout 2, hundreds to thousands of values). h5py's Dataset.__init__ calls it on every open, through
# h5py._hl.filters.get_filters. h5py 3.16 (January 2026) has a 256-value array and `assert nelements <= 256`:
# an AssertionError instead (from .compression and the other properties read through Dataset._filters). Measured with h5py 3.7 / HDF5 1.10.8 (native-shim/README.md, troubleshooting):
# garbage values from 17, SIGSEGV in the main thread from about 2,200 values. This replacement asks HDF5 for the
# count first and never reads more than the buffer holds.

MAX_CD_VALUES = 256
"""H5Pget_filter2 refuses a buffer of more than 256 values ("probable uninitialized *cd_nelmts argument"), so a
filter's values are read at most this far; a layout-2 stemz filter then shows its first 256 values."""


class _FilterPipeline:
    """H5Pget_nfilters / H5Pget_filter2 of the libhdf5 h5py itself calls (resolved through the dependencies of
    h5py's h5p extension module, so a wheel's bundled libhdf5 is found as well as the system's)."""

    def __init__(self, h5py):
        import ctypes
        self.ctypes = ctypes
        lib = None
        for module in (h5py.h5p, h5py.defs):
            try:
                lib = ctypes.PyDLL(module.__file__)
                lib.H5Pget_filter2
                break
            except (AttributeError, OSError):
                lib = None
        if lib is None:
            raise StemzUnavailable("stemz: cannot find h5py's libhdf5 (H5Pget_filter2) through %s"
                                   % h5py.h5p.__file__)
        major, minor, release = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_uint()
        lib.H5get_libversion(ctypes.byref(major), ctypes.byref(minor), ctypes.byref(release))
        if (major.value, minor.value, release.value) != tuple(h5py.h5.get_libversion()):
            raise StemzUnavailable("stemz: the libhdf5 found (%d.%d.%d) is not h5py's (%s)"
                                   % (major.value, minor.value, release.value, h5py.h5.get_libversion()))
        hid = ctypes.c_int64  # hid_t since HDF5 1.10, which h5py 3 requires
        uint_p, size_p = ctypes.POINTER(ctypes.c_uint), ctypes.POINTER(ctypes.c_size_t)
        lib.H5Pget_nfilters.argtypes = [hid]
        lib.H5Pget_nfilters.restype = ctypes.c_int
        lib.H5Pget_filter2.argtypes = [hid, ctypes.c_uint, uint_p, size_p, uint_p, ctypes.c_size_t,
                                       ctypes.c_char_p, uint_p]
        lib.H5Pget_filter2.restype = ctypes.c_int
        self.lib = lib

    def filters(self, plist):
        """[(filter id, flags, cd_values tuple, name bytes)] of a dataset creation property list."""
        ctypes, lib = self.ctypes, self.lib
        count = lib.H5Pget_nfilters(plist.id)
        if count < 0:
            raise RuntimeError("stemz: H5Pget_nfilters failed for property list %r" % plist)
        out = []
        for i in range(count):
            flags, config, nelements = ctypes.c_uint(), ctypes.c_uint(), ctypes.c_size_t(0)
            name = ctypes.create_string_buffer(257)
            code = lib.H5Pget_filter2(plist.id, i, ctypes.byref(flags), ctypes.byref(nelements), None, 256, name,
                                      ctypes.byref(config))  # nelements 0: HDF5 only reports the count
            if code < 0:
                raise RuntimeError("stemz: H5Pget_filter2 failed for filter %d of %r" % (i, plist))
            size = min(nelements.value, MAX_CD_VALUES)
            values = (ctypes.c_uint * max(size, 1))()
            nelements = ctypes.c_size_t(size)
            code = lib.H5Pget_filter2(plist.id, i, ctypes.byref(flags), ctypes.byref(nelements), values, 256, name,
                                      ctypes.byref(config))
            if code < 0:
                raise RuntimeError("stemz: H5Pget_filter2 failed for filter %d of %r" % (i, plist))
            out.append((code, flags.value, tuple(values[:size]), name.value))
        return out


def _safe_get_filters(pipeline, h5z, filters):
    """h5py._hl.filters.get_filters (h5py 3.7 to 3.16) with the pipeline read by _FilterPipeline; filters are named
    as the installed h5py names them (get_filter_name since 3.8 or so, a fixed table before)."""
    table = {h5z.FILTER_DEFLATE: 'gzip', h5z.FILTER_SZIP: 'szip', h5z.FILTER_SHUFFLE: 'shuffle',
             h5z.FILTER_FLETCHER32: 'fletcher32', h5z.FILTER_LZF: 'lzf', h5z.FILTER_SCALEOFFSET: 'scaleoffset'}
    name_of = getattr(filters, "get_filter_name", None) or (lambda code: table.get(code, str(code)))

    def get_filters(plist):
        result = {}
        for code, _, vals, _ in pipeline.filters(plist):
            if code == h5z.FILTER_DEFLATE:
                vals = vals[0]  # gzip level
            elif code == h5z.FILTER_SZIP:
                mask, pixels = vals[0:2]
                if mask & h5z.SZIP_EC_OPTION_MASK:
                    mask = 'ec'
                elif mask & h5z.SZIP_NN_OPTION_MASK:
                    mask = 'nn'
                else:
                    raise TypeError("Unknown SZIP configuration")
                vals = (mask, pixels)
            elif code == h5z.FILTER_LZF:
                vals = None
            elif len(vals) == 0:
                vals = None
            result[name_of(code)] = vals
        return result

    get_filters.stemz_safe = True
    return get_filters


def make_h5py_safe():
    """Replaces h5py's get_filters (called by every Dataset open) by one that cannot over-read cd_values, so
    datasets with a stemz dataset model (layout 2) open safely. Idempotent; done on import. Low-level
    ``dcpl.get_filter(i)`` / ``get_filter_by_id`` of h5py keep the bug: use ``stemz.hdf5.filter_pipeline(dcpl)``."""
    import h5py
    from h5py._hl import filters
    if getattr(filters.get_filters, "stemz_safe", False):
        return
    global _PIPELINE
    _PIPELINE = _FilterPipeline(h5py)
    filters.get_filters = _safe_get_filters(_PIPELINE, h5py.h5z, filters)


_PIPELINE = None


def filter_pipeline(dcpl):
    """[(filter id, flags, cd_values, name)] of a dataset creation property list (``dataset.id.get_create_plist()``),
    without h5py's over-read; cd_values hold at most MAX_CD_VALUES values."""
    make_h5py_safe()
    return _PIPELINE.filters(dcpl)


try:
    make_h5py_safe()  # before register(): reading must be safe even where the plugin is missing
except StemzUnavailable as e:  # an h5py without h5p/defs extension modules: layout-1 files still read
    import warnings
    warnings.warn("%s; opening a dataset with a stemz dataset model (layout 2) can crash h5py" % e)

try:
    register()
except StemzUnavailable:
    pass  # reported by Stemz() and filter_avail(); importing stays possible
