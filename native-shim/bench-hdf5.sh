#!/usr/bin/env bash
# Numbers for the README (not a test): for each simulated dataset,
#  1. bits per pixel of the HDF5 dataset (h5repack + stemz filter) with chunks of one frame, one scan row and
#     16x16 scan positions, against the standalone stemz archive of the whole array;
#  2. filter throughput through h5py (read/write) and h5repack against the codec in-process (FilterThroughput),
#     for chunks of 4 scan rows (>= 4 MiB for 128x128 uint16 frames), JVM start excluded: the time inside the
#     filter callback, which the plugin reports with STEMZ_FILTER_STATS.
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
echo "on the same chunks, best of 10 after 3 warm-up rounds. Filter: the time HDF5 spends inside the filter callback"
echo "(STEMZ_FILTER_STATS, which the plugin reports per dataset), best over the datasets of a run: 12 copies for"
echo "h5repack, 8 h5py writes (create_dataset) and 16 h5py reads (dataset[()]). 'h5py read, end to end' is the plain"
echo "dataset[()] speed a user sees, HDF5's own chunk I/O and NumPy's new array included (best of the 16 reads)."
echo "In-process and h5py are measured 3 times, alternating, and the best of each is kept."
echo
echo "| dataset | chunk MiB | in-process encode | in-process decode | h5repack filter | h5py write filter | h5py read filter | h5py read, end to end | h5repack / in-process | h5py write / in-process | h5py read / in-process | end to end read / in-process |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
# the best MB/s of the plugin's STEMZ_FILTER_STATS lines for one direction (encoded or decoded) in a log
best_stat() { { grep "^stemz filter: $1 " "$2" || true; } | sed 's/.*(\([0-9.]*\) MB\/s)/\1/' | sort -rn | head -1; }
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
    # chunks per dataset: the plugin prints one line per dataset coded
    per_dataset=$($py -c "import h5py,sys; d=h5py.File(sys.argv[1])['data']; print(-(-d.shape[0] // d.chunks[0]))" "$work/in.h5")
    export STEMZ_FILTER_STATS="$per_dataset"
    # the machine may be shared: alternate in-process and h5py runs and keep the best of each
    enc=0; dec=0; re=0
    : > "$work/h5py.log"
    for round in 1 2 3; do
        line=$(java -cp "$cp" org.stemz.hdf5.FilterThroughput "$work/in.h5" /data 4)
        field() { echo "$line" | sed "s/.*$1=\([^ ]*\).*/\1/"; }
        enc=$(echo "$enc $(field inproc_encode_MBps)" | awk '{print ($2 > $1) ? $2 : $1}')
        dec=$(echo "$dec $(field inproc_decode_MBps)" | awk '{print ($2 > $1) ? $2 : $1}')
        e2e=$($py - "$work/in.h5" "$work/w.h5" 2>> "$work/h5py.log" <<'PY'
import sys, time, h5py, numpy as np
a = h5py.File(sys.argv[1])["data"][()]
chunks = (4, a.shape[1]) + a.shape[2:]
with h5py.File(sys.argv[2], "w") as f:
    for i in range(8):
        f.create_dataset("z%d" % i, data=a, chunks=chunks, compression=36000)
        f.flush()
best = float("inf")
with h5py.File(sys.argv[2]) as f:
    for i in range(16):
        t = time.perf_counter()
        b = f["z%d" % (i % 8)][()]
        best = min(best, time.perf_counter() - t)
        assert np.array_equal(a, b)
print("%.1f" % (a.nbytes / 1e6 / best))
PY
)
        re=$(echo "$re $e2e" | awk '{print ($2 > $1) ? $2 : $1}')
    done
    w=$(best_stat encoded "$work/h5py.log"); r=$(best_stat decoded "$work/h5py.log")
    chunk_mib=$(field chunk_bytes | awk '{printf "%.1f", $1/1048576}')
    rm -f "$work/out4.h5"
    h5repack -f UD=36000,0,0 "$work/in4.h5" "$work/out4.h5" 2> "$work/repack.log"
    repack=$(best_stat encoded "$work/repack.log")
    unset STEMZ_FILTER_STATS
    pct() { echo "$1 $2" | awk '{printf "%.0f%%", 100*$1/$2}'; }
    echo "| $name | $chunk_mib | $enc | $dec | $repack | $w | $r | $re | $(pct "$repack" "$enc") | $(pct "$w" "$enc") | $(pct "$r" "$dec") | $(pct "$re" "$dec") |"
    rm -f "$work/in4.h5" "$work/out4.h5"
done
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
