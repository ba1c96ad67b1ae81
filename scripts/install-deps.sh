#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh Debian/Ubuntu machine: a JDK 17+, Maven, gcc, libhdf5-dev,
# the HDF5 tools and Python's h5py/numpy (for the cross-path tests). Idempotent; does nothing when all is there.
# Needs root (or sudo) only when something is missing.
set -euo pipefail

packages=()
need() { # need COMMAND-OR-FILE PACKAGE
    if [[ "$1" == /* ]]; then [[ -e "$1" ]] || packages+=("$2"); else command -v "$1" >/dev/null 2>&1 || packages+=("$2"); fi
}
need javac openjdk-17-jdk-headless   # the JDK also brings jni.h for the HDF5 plugin
need mvn maven
need gcc gcc
need h5repack hdf5-tools             # h5repack, h5diff, h5dump
[[ -e /usr/include/hdf5/serial/hdf5.h || -e /usr/include/hdf5.h ]] || packages+=(libhdf5-dev)
# scale-out tests (native-shim/SCALE-OUT.md): OpenMPI, parallel HDF5, h5py-mpi under mpirun, Dask distributed
need mpirun openmpi-bin
[[ -e /usr/include/hdf5/openmpi/hdf5.h ]] || packages+=(libhdf5-openmpi-dev)
[[ -e /usr/lib/python3/dist-packages/h5py/_debian_h5py_mpi ]] || packages+=(python3-h5py-mpi)
/usr/bin/python3 -c 'import dask.array, distributed' >/dev/null 2>&1 || packages+=(python3-dask python3-distributed)
if ! /usr/bin/python3 -c 'import h5py, numpy' >/dev/null 2>&1; then
    packages+=(python3-h5py python3-numpy)
fi
# Blosc & co. beside stemz in one h5py process (native-shim PythonHelperTest); pip for `pip install ./python`
/usr/bin/python3 -c 'import hdf5plugin' >/dev/null 2>&1 || packages+=(python3-hdf5plugin)
# Debian's python3-hdf5plugin only recommends the Blosc plugin itself (apt-get --no-install-recommends skips it)
/usr/bin/python3 -c 'import hdf5plugin, h5py, sys; sys.exit(0 if h5py.h5z.filter_avail(32001) else 1)' \
    >/dev/null 2>&1 || packages+=(hdf5-filter-plugin-blosc-serial)
/usr/bin/python3 -m pip --version >/dev/null 2>&1 || packages+=(python3-pip)

if [[ ${#packages[@]} -eq 0 ]]; then
    exit 0
fi
echo "stemz: installing ${packages[*]}" >&2
if [[ $(id -u) -eq 0 ]]; then
    sudo=""
elif command -v sudo >/dev/null 2>&1; then
    sudo="sudo"
else
    echo "stemz: missing packages ${packages[*]}; run this script as root to install them" >&2
    exit 1
fi
$sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
$sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
