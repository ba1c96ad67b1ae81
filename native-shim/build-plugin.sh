#!/usr/bin/env bash
# Builds the stemz HDF5 plugin folder: libstemz_h5filter.so (gcc against libhdf5-dev and the JDK's jni.h) and,
# beside it, stemz-filter-all.jar (the codec and org.stemz.hdf5.PluginEntry, no third-party classes).
# Maven runs it in process-classes; by hand:
#   build-plugin.sh OUT_DIR JAVA_HOME CLASSPATH_FILE CLASSES_DIR
# CLASSPATH_FILE lists the codec's class folders or jars, separated by ':' (Maven writes it); CLASSES_DIR holds
# this module's classes.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$1"; java_home="$2"; cp_file="$3"; classes="$4"

cflags=""; libs=""
# the serial library first: h5py, h5repack and the JNA binding use it, and a plugin linked to another flavour
# (Debian's hdf5.pc points to the MPI one once libhdf5-openmpi-dev is installed) would bring a second libhdf5
if command -v pkg-config >/dev/null 2>&1 && pkg-config --exists hdf5-serial 2>/dev/null; then
    cflags="$(pkg-config --cflags hdf5-serial)"; libs="$(pkg-config --libs hdf5-serial)"
elif command -v pkg-config >/dev/null 2>&1 && pkg-config --exists hdf5 2>/dev/null; then
    cflags="$(pkg-config --cflags hdf5)"; libs="$(pkg-config --libs hdf5)"
elif [[ -f /usr/include/hdf5/serial/hdf5.h ]]; then
    cflags="-I/usr/include/hdf5/serial"; libs="-L/usr/lib/x86_64-linux-gnu/hdf5/serial -lhdf5"
elif [[ -f /usr/include/hdf5.h ]]; then
    libs="-lhdf5"
else
    echo "stemz: hdf5.h not found: install libhdf5-dev (native-shim/install-deps.sh), or build with -Dstemz.skipNative" >&2
    exit 1
fi
if [[ ! -f "$java_home/include/jni.h" ]]; then
    echo "stemz: $java_home/include/jni.h not found: build with a JDK, not a JRE" >&2
    exit 1
fi

mkdir -p "$out"
so="$out/libstemz_h5filter.so"
# Files are replaced by rename only: HDF5 processes running meanwhile (other builds, tests) never see half a file.
# messages are truncated on purpose when paths are very long (-Wno-format-truncation).
# -z nodelete: HDF5 may dlclose plugins, but attached threads keep a destructor pointing into this library.
if [[ ! -f "$so" || "$here/src/main/c/stemz_plugin.c" -nt "$so" || "$0" -nt "$so" ]]; then
    # shellcheck disable=SC2086
    gcc -std=c11 -O2 -Wall -Wextra -Werror -Wno-format-truncation -fPIC -shared -o "$out/tmp-plugin-build" \
        $cflags -I"$java_home/include" -I"$java_home/include/linux" \
        -DSTEMZ_BUILD_JAVA_HOME="\"$java_home\"" \
        "$here/src/main/c/stemz_plugin.c" $libs -ldl -lpthread -Wl,-z,nodelete
    mv -f "$out/tmp-plugin-build" "$so"
fi

staging="$(mktemp -d)"
trap 'rm -rf "$staging" "$staging.jar"' EXIT
IFS=':' read -r -a entries < "$cp_file" || true  # no trailing newline
for entry in "${entries[@]}" "$classes"; do
    if [[ -d "$entry" ]]; then
        cp -R "$entry/." "$staging/"
    elif [[ -f "$entry" ]]; then
        (cd "$staging" && "$java_home/bin/jar" xf "$entry")
    fi
done
rm -rf "$staging/META-INF/MANIFEST.MF"
jar="$out/stemz-filter-all.jar"
"$java_home/bin/jar" cf "$staging.jar" -C "$staging" .
mv -f "$staging.jar" "$jar"

# HDF5_PLUGIN_PATH replaces HDF5's default plugin folder: the line users need keeps the system's plugins (Blosc,
# LZ4, ...) after this one. The default folder is the one libhdf5 reports with HDF5_PLUGIN_PATH unset.
probe="$staging-probe"
default_dir=""
cat > "$probe.c" <<'C'
#include <hdf5.h>
#include <stdio.h>
int main(void) {
    unsigned n = 0;
    char dir[4096];
    if (H5PLsize(&n) < 0) return 1;
    for (unsigned i = 0; i < n; i++) {
        if (H5PLget(i, dir, sizeof dir) < 0) return 1;
        printf(i ? ":%s" : "%s", dir);
    }
    return 0;
}
C
# shellcheck disable=SC2086
if gcc -std=c11 -o "$probe" $cflags "$probe.c" $libs >/dev/null 2>&1; then
    default_dir="$(env -u HDF5_PLUGIN_PATH "$probe" 2>/dev/null || true)"
fi
rm -f "$probe" "$probe.c"
default_dir="${default_dir:-/usr/local/hdf5/lib/plugin}"
line="export HDF5_PLUGIN_PATH=$out:\${HDF5_PLUGIN_PATH:-$default_dir}"
printf '# sourced by users of the stemz HDF5 plugin: this folder first, then the plugins already configured or\n# the HDF5 default folder (%s)\n%s\n' "$default_dir" "$line" > "$out/env.sh.tmp"
mv -f "$out/env.sh.tmp" "$out/env.sh"
# the plugin's last resort for libjvm (compiled in); the Python helper (python/stemz/hdf5.py) searches the same way
echo "$java_home" > "$out/build-java-home.txt"
echo "stemz: HDF5 plugin in $out. To use it (h5py, h5repack, h5dump), keeping the system's plugins:" >&2
echo "    $line" >&2
echo "  (or: source $out/env.sh)" >&2
