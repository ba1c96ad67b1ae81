#!/usr/bin/env bash
# Scaling benchmark of native-shim/SCALE-OUT.md: 1 and 2 MPI ranks (collective write + read of one stemz-filtered
# dataset through h5py-mpi), 1 and 2 Dask workers (BF/ADF/CoM maps from stemz-filtered HDF5), client.map over
# files calling `stemz compress`, and `stemz compress --jobs 1|2` on the same files. Each configuration runs with
# one codec thread per process (pure process scaling) and with the default (every core in every process).
# Prints one JSON line per run. Needs the plugins built (mvn -pl native-shim -am process-classes) and the
# scale-out packages (scripts/install-deps.sh).
#   native-shim/scale-out/bench.sh [SOURCE.npz] > results.jsonl
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
source_npz="${1:-$root/../shared/data/sim/srtio3_merlin/data.npz}"
plugin="$root/native-shim/target/plugin"
py=/usr/bin/python3
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
as_root=(); [[ $(id -u) -eq 0 ]] && as_root=(--allow-run-as-root)
export OMPI_MCA_btl_vader_single_copy_mechanism=none

echo "# $(date -u +%FT%TZ) $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), source $source_npz" >&2
HDF5_PLUGIN_PATH="$plugin" "$py" "$here/dask_stemz.py" make "$work/raw.h5" "$work/stemz.h5" --from "$source_npz" >&2
"$py" - "$source_npz" "$work/scans" <<'PY'
import os, sys, numpy as np
with np.load(sys.argv[1]) as z:
    a = z["data"]
os.makedirs(sys.argv[2])
for i, rows in enumerate(np.array_split(np.arange(a.shape[0]), 8)):  # 8 scans of a few rows each
    np.save(os.path.join(sys.argv[2], "scan%d.npy" % i), a[rows])
PY
"$root/stemz" --version >/dev/null  # builds the jar once, outside the timings

for threads in 1 default; do
    if [[ $threads == 1 ]]; then export STEMZ_JVM_OPTIONS=-Dstemz.filter.threads=1; else unset STEMZ_JVM_OPTIONS; fi
    for n in 1 2 1 2; do  # alternated, twice: the machine is shared
        echo "{\"bench\": \"mpi\", \"codec_threads\": \"$threads\", \"result\": $(HDF5_PLUGIN_PATH="$plugin-openmpi" \
            mpirun -np $n --oversubscribe "${as_root[@]}" "$py" "$root/native-shim/src/test/resources/python/mpi_stemz.py" \
            bench "$source_npz" "$work/mpi.h5" 5)}"
        echo "{\"bench\": \"dask-maps\", \"codec_threads\": \"$threads\", \"result\": $(HDF5_PLUGIN_PATH="$plugin" \
            "$py" "$here/dask_stemz.py" analyse "$work/stemz.h5" --workers $n --repeat 5 2>/dev/null)}"
    done
done
# the maps again on 4x the data (the scan tiled 4 times), blocks of 10 rows: fixed per-compute costs weigh less
"$py" -c 'import sys, numpy as np; a = np.load(sys.argv[1])["data"]; np.savez(sys.argv[2], data=np.concatenate([a] * 4))' \
    "$source_npz" "$work/big.npz"
HDF5_PLUGIN_PATH="$plugin" "$py" "$here/dask_stemz.py" make "$work/big-raw.h5" "$work/big.h5" --from "$work/big.npz" >&2
rm -f "$work/big.npz" "$work/big-raw.h5"
export STEMZ_JVM_OPTIONS=-Dstemz.filter.threads=1
for n in 1 2 1 2; do
    echo "{\"bench\": \"dask-maps-4x\", \"codec_threads\": \"1\", \"result\": $(HDF5_PLUGIN_PATH="$plugin" \
        "$py" "$here/dask_stemz.py" analyse "$work/big.h5" --workers $n --rows 10 --repeat 3 2>/dev/null)}"
done
unset STEMZ_JVM_OPTIONS
for n in 1 2 1 2; do
    rm -rf "$work/out"; mkdir "$work/out"
    echo "{\"bench\": \"dask-compress\", \"result\": $("$py" "$here/dask_stemz.py" compress --workers $n \
        --stemz "$root/stemz" --out "$work/out" "$work"/scans/*.npy 2>/dev/null | "$py" -c \
        'import json,sys; r=json.load(sys.stdin); r.pop("results"); print(json.dumps(r))')}"
    rm -rf "$work/out"; mkdir "$work/out"
    start=$(date +%s.%N)
    "$root/stemz" compress -q --jobs $n -o "$work/out" "$work/scans"
    echo "{\"bench\": \"cli-jobs\", \"jobs\": $n, \"threads_per_job\": $(( $(nproc) / n )), \"seconds\": $(echo "$(date +%s.%N) - $start" | bc)}"
done
echo "# done $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)" >&2
