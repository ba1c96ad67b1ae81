#!/usr/bin/env bash
# Installs what the HDF5 filter's build and tests need on Debian/Ubuntu, if missing: gcc, libhdf5-dev (hdf5.h and
# libhdf5 for the plugin and the JNA binding), hdf5-tools (h5repack, h5diff, h5dump), python3-h5py and
# python3-numpy (the h5py tests), and a JDK (jni.h). Idempotent: installs nothing when everything is present.
# Needs root or sudo only when something is missing.
set -euo pipefail

missing=()
have_file() { [[ -e "$1" ]]; }
have_cmd() { command -v "$1" >/dev/null 2>&1; }

have_cmd gcc || missing+=(gcc)
have_cmd pkg-config || missing+=(pkg-config)
have_file /usr/include/hdf5/serial/hdf5.h || have_file /usr/include/hdf5.h || missing+=(libhdf5-dev)
{ have_cmd h5repack && have_cmd h5diff && have_cmd h5dump; } || missing+=(hdf5-tools)
/usr/bin/python3 -c 'import h5py' >/dev/null 2>&1 || missing+=(python3-h5py)
/usr/bin/python3 -c 'import numpy' >/dev/null 2>&1 || missing+=(python3-numpy)
java_home="$(dirname "$(dirname "$(readlink -f "$(command -v javac || echo /nonexistent/bin/javac)")")")"
have_file "$java_home/include/jni.h" || missing+=(openjdk-17-jdk-headless)

if [[ ${#missing[@]} -eq 0 ]]; then
    exit 0
fi
if [[ $(id -u) -eq 0 ]]; then
    sudo=()
elif have_cmd sudo; then
    sudo=(sudo)
else
    echo "stemz: missing ${missing[*]}; run $0 as root to install them" >&2
    exit 1
fi
echo "stemz: installing ${missing[*]}" >&2
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
