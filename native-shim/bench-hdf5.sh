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

echo "Bits per pixel: HDF5 storage of the dataset (all chunks, edge chunks padded to full size by HDF5) over its"
echo "pixels. The last two columns crop the scan to a multiple of 16 (no padded edge blocks) and compare with the"
echo "archive of that cropped array."
echo
echo "| dataset | shape | dtype | archive | frame chunks | row chunks | 16x16 chunks | row vs archive | 16x16 vs archive | 16x16, cropped scan | vs cropped archive |"
echo "|---|---|---|---|---|---|---|---|---|---|---|"
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
    pct() { echo "$1 $2" | awk '{printf "%+.1f%%", 100*($1/$2-1)}'; }
    $py - "$dir/data.npz" "$work/in.h5" <<'PY'
import sys, h5py, numpy as np
a = np.load(sys.argv[1])["data"]
a = np.ascontiguousarray(a[: a.shape[0] // 16 * 16, : a.shape[1] // 16 * 16])
with h5py.File(sys.argv[2], "w") as f:
    f.create_dataset("data", data=a, chunks=(1, a.shape[1]) + a.shape[2:])
PY
    cropped_archive=$(java -cp "$cp" org.stemz.hdf5.FilterThroughput "$work/in.h5" /data 1 | sed 's/.*archive_bpp=\([^ ]*\).*/\1/')
    cropped=$(bpp "16x16x${h}x${w}")
    echo "| $name | ${sy}x${sx}x${h}x${w} | $dtype | $archive | $frame | $row | $block | $(pct "$row" "$archive") | $(pct "$block" "$archive") | $cropped | $(pct "$cropped" "$cropped_archive") |"
done
echo

echo "Throughput in MB/s of raw data, chunks of 4 scan rows (>= 4 MiB), JVM start excluded. In-process: ChunkCodec"
echo "on the same chunks, best of 10 after 3 warm-up rounds. The filter columns count only the time the filter adds,"
echo "as HDF5 sees it: the time of the operation minus that of the same operation on the same chunks stored without a"
echo "filter. h5repack: best of 2 runs over 12 copies of the dataset (JIT warm-up included) against h5repack -l CHUNK=...;"
echo "h5py: best of 3 after a warm-up pass, create_dataset+flush and dataset[()]. 'h5py read, end to end' is the"
echo "plain dataset[()] speed a user sees, HDF5's own chunk I/O and NumPy's new array included. In-process and h5py are"
echo "measured 3 times, alternating, and the best is kept."
echo
echo "| dataset | chunk MiB | in-process encode | in-process decode | h5repack filter | h5py write filter | h5py read filter | h5py read, end to end | h5repack / in-process | h5py write / in-process | h5py read / in-process | end to end read / in-process |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for dir in "$data"/sim/*/; do
    name="$(basename "$dir")"
    $py - "$dir/data.npz" "$work/in.h5" "$work/in4.h5" <<'PY'
import sys, h5py, numpy as np
a = np.load(sys.argv[1])["data"]
chunks = (4, a.shape[1]) + a.shape[2:]
with h5py.File(sys.argv[2], "w") as f:
    f.create_dataset("data", data=a, chunks=chunks)
with h5py.File(sys.argv[3], "w") as f:
    for i in range(12):
        f.create_dataset("d%d" % i, data=a, chunks=chunks)
PY
    chunk_shape=$($py -c "import h5py,sys; print(','.join(map(str, h5py.File(sys.argv[1])['data'].chunks)))" "$work/in.h5")
    # the machine may be shared: alternate in-process and h5py runs and keep the best of each
    enc=0; dec=0; w=0; r=0; re=0
    for round in 1 2 3; do
        line=$(java -cp "$cp" org.stemz.hdf5.FilterThroughput "$work/in.h5" /data 4)
        field() { echo "$line" | sed "s/.*$1=\([^ ]*\).*/\1/"; }
        enc=$(echo "$enc $(field inproc_encode_MBps)" | awk '{print ($2 > $1) ? $2 : $1}')
        dec=$(echo "$dec $(field inproc_decode_MBps)" | awk '{print ($2 > $1) ? $2 : $1}')
        speeds=$($py - "$work/in.h5" "$work/w.h5" <<'PY'
import sys, time, h5py, numpy as np
a = h5py.File(sys.argv[1])["data"][()]
chunks = (4, a.shape[1]) + a.shape[2:]
def best(action):  # pass 0 starts the JVM and warms it up: best of the 3 others
    times = []
    for i in range(4):
        t = time.perf_counter()
        action(i)
        times.append(time.perf_counter() - t)
    return min(times[1:])
with h5py.File(sys.argv[2], "w") as f:
    def write(name, **filters):
        f.create_dataset(name, data=a, chunks=chunks, **filters)
        f.flush()
    write_z = best(lambda i: write("z%d" % i, compression=36000))
    write_raw = best(lambda i: write("raw%d" % i))
with h5py.File(sys.argv[2]) as f:
    for i in range(4):
        assert np.array_equal(a, f["z%d" % i][()])
    read_z = best(lambda i: f["z%d" % i][()])
    read_raw = best(lambda i: f["raw%d" % i][()])
mb = a.nbytes / 1e6
print("%.1f %.1f %.1f" % (mb / (write_z - write_raw), mb / (read_z - read_raw), mb / read_z))
PY
)
        read -r sw sr se <<< "$speeds"
        w=$(echo "$w $sw" | awk '{print ($2 > $1) ? $2 : $1}')
        r=$(echo "$r $sr" | awk '{print ($2 > $1) ? $2 : $1}')
        re=$(echo "$re $se" | awk '{print ($2 > $1) ? $2 : $1}')
    done
    chunk_mib=$(field chunk_bytes | awk '{printf "%.1f", $1/1048576}')
    raw4=$($py -c "import h5py,sys; f=h5py.File(sys.argv[1]); print(sum(d.size*d.dtype.itemsize for d in f.values()))" "$work/in4.h5")
    repack=0
    for round in 1 2; do
        rm -f "$work/out4.h5" "$work/copy4.h5"
        t0=$(now); h5repack -f UD=36000,0,0 "$work/in4.h5" "$work/out4.h5"; t1=$(now)
        h5repack -l CHUNK="$(echo "$chunk_shape" | tr ',' 'x')" "$work/in4.h5" "$work/copy4.h5"; t2=$(now)
        speed=$(echo "$raw4 $(elapsed "$t0" "$t1") $(elapsed "$t1" "$t2") $jvm" | awk '{printf "%.1f", $1/1e6/($2-$3-$4)}')
        repack=$(echo "$repack $speed" | awk '{print ($2 > $1) ? $2 : $1}')
    done
    pct() { echo "$1 $2" | awk '{printf "%.0f%%", 100*$1/$2}'; }
    echo "| $name | $chunk_mib | $enc | $dec | $repack | $w | $r | $re | $(pct "$repack" "$enc") | $(pct "$w" "$enc") | $(pct "$r" "$dec") | $(pct "$re" "$dec") |"
    rm -f "$work/in4.h5" "$work/out4.h5" "$work/copy4.h5"
done
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
