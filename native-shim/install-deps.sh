#!/usr/bin/env bash
# The HDF5 filter's build and tests need what the whole project needs: one list, in scripts/install-deps.sh.
exec bash "$(dirname "$0")/../scripts/install-deps.sh" "$@"
