#!/usr/bin/env bash
# Scaling of `stemz repack` (Repacker: chunks encoded in parallel, stored with H5Dwrite_chunk) from 1 to 2 threads,
# for BENCH-HDF5.md. Builds uncompressed HDF5 copies of ../shared/data/sim/*/data.npz, then, per dataset and chunk
# shape, times Repacker.repack with 1 and 2 threads back to back (alternating, best of ROUNDS), in one JVM.
# Run after `mvn -o test-compile -pl native-shim -am`. Usage: bench-repack-threads.sh [ROUNDS] [DATA_DIR]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
rounds="${1:-5}"
data="${2:-$here/../../shared/data/sim}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
jna="$(ls "${HOME}"/.m2/repository/net/java/dev/jna/jna/*/jna-*.jar | grep -v sources | tail -1)"
cp="$here/../filter/target/classes:$here/target/classes:$here/target/test-classes:$jna"
echo "dataset | chunk | MB | 1 thread s | 1 thread MB/s | 2 threads s | 2 threads MB/s | speed-up | load average (1 min) after"
for npz in "$data"/*/data.npz; do
    name="$(basename "$(dirname "$npz")")"
    mkdir -p "$work/$name"
    /usr/bin/python3 - "$npz" "$work/$name/in.h5" <<'PY'
import sys, h5py, numpy as np
with np.load(sys.argv[1]) as z:
    a = z["data"]
with h5py.File(sys.argv[2], "w") as f:
    f["data"] = a
PY
    shape="$(/usr/bin/python3 -c 'import sys,h5py; print(*h5py.File(sys.argv[1])["data"].shape)' "$work/$name/in.h5")"
    read -r sy sx h w <<<"$shape"
    for chunk in "1x1x${h}x${w}" "1x${sx}x${h}x${w}"; do
        line="$(java -Xmx4g -cp "$cp" org.stemz.hdf5.RepackScaling "$work/$name/in.h5" "$chunk" "$rounds" "$work/$name")"
        echo "$line | $(cut -d' ' -f1 /proc/loadavg)"
    done
done
echo
echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(java -version 2>&1 | head -1)"
echo "Other processes of the machine during the run (load average over 1, 5, 15 min at the end): $(cut -d' ' -f1-3 /proc/loadavg)"
