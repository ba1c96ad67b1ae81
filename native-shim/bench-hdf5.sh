#!/usr/bin/env bash
# Numbers for the README (not a test): for each simulated dataset,
#  1. bits per pixel of the HDF5 dataset (h5repack + stemz filter) with chunks of one frame, one scan row and
#     16x16 scan positions, against the standalone stemz archive of the whole array;
#  2. filter throughput through h5py (read/write) and h5repack against the codec in-process (FilterThroughput),
#     for chunks of 4 scan rows (>= 4 MiB for 128x128 uint16 frames), JVM start excluded.
# Usage: native-shim/bench-hdf5.sh [DATA_DIR]   (prints Markdown; takes a few minutes)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(dirname "$here")"
data="${1:-${STEMZ_SHARED_DATA:-$(dirname "$root")/shared/data}}"
py=/usr/bin/python3
export HDF5_PLUGIN_PATH="$here/target/plugin"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# builds the plugin and the benchmark main; the class path of the last module (native-shim) is kept
(cd "$root" && mvn -q -o -pl native-shim -am test-compile dependency:build-classpath \
    -Dmdep.outputFile="$work/cp.txt" >&2)
cp="$here/target/test-classes:$here/target/classes:$root/filter/target/classes:$(cat "$work/cp.txt")"

now() { date +%s.%N; }
elapsed() { echo "$1 $2" | awk '{printf "%.3f", $2 - $1}'; }

# JVM start inside the plugin: h5repack of a one-chunk file, with and without the filter
$py - "$work/tiny.h5" <<'PY'
import sys, h5py, numpy as np
with h5py.File(sys.argv[1], "w") as f:
    f.create_dataset("data", data=np.zeros((1, 1, 8, 8), "u2"), chunks=(1, 1, 8, 8))
PY
t0=$(now); h5repack -f UD=36000,0,0 "$work/tiny.h5" "$work/tiny-z.h5"; t1=$(now)
h5repack "$work/tiny.h5" "$work/tiny-c.h5"; t2=$(now)
jvm=$(echo "$(elapsed "$t0" "$t1") $(elapsed "$t1" "$t2")" | awk '{printf "%.3f", $1 - $2}')
echo "JVM start in h5repack: ${jvm} s (one-chunk file with the filter minus without)"
echo

echo "| dataset | shape | dtype | archive bpp | frame chunks bpp | row chunks bpp | 16x16 chunks bpp | row / archive | 16x16 / archive |"
echo "|---|---|---|---|---|---|---|---|---|"
for dir in "$data"/sim/*/; do
    name="$(basename "$dir")"
    $py - "$dir/data.npz" "$work/in.h5" > "$work/shape.txt" <<'PY'
import sys, h5py, numpy as np
a = np.load(sys.argv[1])["data"]
with h5py.File(sys.argv[2], "w") as f:
    f.create_dataset("data", data=a, chunks=(1, a.shape[1]) + a.shape[2:])
print(" ".join(map(str, a.shape)), a.dtype)
PY
    read -r sy sx h w dtype < "$work/shape.txt"
    archive=$(java -cp "$cp" org.stemz.hdf5.FilterThroughput "$work/in.h5" /data 1 | sed 's/.*archive_bpp=\([^ ]*\).*/\1/')
    bpp() {
        h5repack -f UD=36000,0,0 -l CHUNK="$1" "$work/in.h5" "$work/out.h5"
        $py -c "import h5py,sys; d=h5py.File(sys.argv[1])['data']; print('%.4f' % (8.0*d.id.get_storage_size()/d.size))" "$work/out.h5"
    }
    frame=$(bpp "1x1x${h}x${w}"); row=$(bpp "1x${sx}x${h}x${w}"); block=$(bpp "16x16x${h}x${w}")
    echo "| $name | ${sy}x${sx}x${h}x${w} | $dtype | $archive | $frame | $row | $block | $(echo "$row $archive" | awk '{printf "%+.1f%%", 100*($1/$2-1)}') | $(echo "$block $archive" | awk '{printf "%+.1f%%", 100*($1/$2-1)}') |"
done
echo

echo "Throughput, chunks of 4 scan rows, MB/s of raw data (h5repack and h5py minus the JVM start above):"
echo
echo "| dataset | chunk MiB | in-process encode | in-process decode | h5repack encode | h5py write | h5py read |"
echo "|---|---|---|---|---|---|---|"
for dir in "$data"/sim/*/; do
    name="$(basename "$dir")"
    $py - "$dir/data.npz" "$work/in.h5" <<'PY'
import sys, h5py, numpy as np
a = np.load(sys.argv[1])["data"]
with h5py.File(sys.argv[2], "w") as f:
    f.create_dataset("data", data=a, chunks=(4, a.shape[1]) + a.shape[2:])
PY
    line=$(java -cp "$cp" org.stemz.hdf5.FilterThroughput "$work/in.h5" /data 4)
    field() { echo "$line" | sed "s/.*$1=\([^ ]*\).*/\1/"; }
    chunk_mib=$(echo "$(field chunk_bytes)" | awk '{printf "%.1f", $1/1048576}')
    raw=$($py -c "import h5py,sys; d=h5py.File(sys.argv[1])['data']; print(d.size*d.dtype.itemsize)" "$work/in.h5")
    t0=$(now); h5repack -f UD=36000,0,0 "$work/in.h5" "$work/out.h5"; t1=$(now)
    t2=$(now); h5repack "$work/in.h5" "$work/copy.h5"; t3=$(now)
    repack=$(echo "$raw $(elapsed "$t0" "$t1") $(elapsed "$t2" "$t3") $jvm" | awk '{printf "%.1f", $1/1e6/($2-$3-$4)}')
    speeds=$($py - "$work/in.h5" "$work/out.h5" "$work/w.h5" <<'PY'
import sys, time, h5py, numpy as np
a = h5py.File(sys.argv[1])["data"][()]
chunks = h5py.File(sys.argv[2])["data"].chunks
with h5py.File(sys.argv[3], "w") as f:  # start the JVM first
    f.create_dataset("warm", data=a[:1, :1], chunks=(1, 1) + a.shape[2:], compression=36000)
    t = time.perf_counter()
    f.create_dataset("data", data=a, chunks=chunks, compression=36000)
    f.flush()
    write = a.nbytes / 1e6 / (time.perf_counter() - t)
with h5py.File(sys.argv[2]) as f:
    d = f["data"]
    d[0, 0]
    t = time.perf_counter()
    b = d[()]
    read = a.nbytes / 1e6 / (time.perf_counter() - t)
assert np.array_equal(a, b)
print("%.1f %.1f" % (write, read))
PY
)
    echo "| $name | $chunk_mib | $(field inproc_encode_MBps) | $(field inproc_decode_MBps) | $repack | ${speeds% *} | ${speeds#* } |"
done
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
