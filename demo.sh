#!/usr/bin/env bash
# The main job on the bundled real sample: compress a Merlin .mib from the microscope, inspect the archive,
# validate it bit for bit against the original file, decompress it, and compare stemz with other codecs.
# Installs what it needs on a fresh Debian/Ubuntu machine (see scripts/install-deps.sh).
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
sample=samples/merlin_4x2_6bit/001_4x2_6bit.mib
out=${DEMO_OUT:-target/demo}
mkdir -p "$out"
set -x
./stemz compress "$sample" --scan 2,4 -o "$out/scan.stemz" --force
./stemz info "$out/scan.stemz"
./stemz verify "$out/scan.stemz" --against "$sample"
./stemz decompress "$out/scan.stemz" -o "$out/scan.npy" --force
./stemz bench "$sample" --scan 2,4 --repeat 2
