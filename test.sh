#!/usr/bin/env bash
# Runs every test of every module (codec, archive, conformance vectors, HDF5 paths, CLI) after installing
# what they need. Usage: ./test.sh [extra Maven arguments]
set -euo pipefail
cd "$(dirname "$0")"
bash scripts/install-deps.sh
mvn -B -ntp verify "$@"
