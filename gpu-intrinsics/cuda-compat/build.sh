#!/usr/bin/env bash
# Builds libnvrtc.so.12 and libcublas.so.12 for a machine that has only CUDA 13's libraries.
#
# JCuda 12.6 (the newest JCuda) links its NVRTC and cuBLAS bindings against libnvrtc.so.12 and
# libcublas.so.12 and asks for their symbols by version ("nvrtcCompileProgram@libnvrtc.so.12"), so
# on a machine with CUDA 13 alone the CUDA backend's probe stops at "NVRTC 12 not found". The
# functions Delta calls kept their signatures in CUDA 13. Each library built here carries the
# CUDA 12 version name and the symbols JCuda asks for; each symbol is a jump through a table that
# the library fills when it is loaded, from CUDA 13's library (its DT_NEEDED, so a missing CUDA 13
# library is reported by the loader by name). A function CUDA 13 dropped aborts with its name if
# it is ever called. The CUDA driver API needs nothing: libcuda.so.1 keeps every old entry point.
#
# Usage: gpu-intrinsics/cuda-compat/build.sh [out-dir]   (default gpu-intrinsics/target/cuda-compat)
# then:  LD_LIBRARY_PATH=<out-dir>:<folder of libnvrtc.so.13 and libcublas.so.13> ./dl --device=cuda ...
# Needs gcc, nm and unzip, and JCuda's natives jars (in ~/.m2 or launcher/target/modules: run ./dl once).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
out=${1:-$root/gpu-intrinsics/target/cuda-compat}
version=12.6.0
m2=${MAVEN_REPOSITORY:-$HOME/.m2/repository}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

for jar in jcuda-natives jcublas-natives; do
    file=$m2/org/jcuda/$jar/$version/$jar-$version-linux-x86_64.jar
    [ -f "$file" ] || file=$root/launcher/target/modules/$jar-$version-linux-x86_64.jar
    [ -f "$file" ] || { echo "cuda-compat: $jar-$version-linux-x86_64.jar not found in $m2 or launcher/target/modules (run ./dl once)" >&2; exit 1; }
    (cd "$work" && unzip -q -o "$file" "lib/libJNvrtc-*" "lib/libJCublas2-*" 2>/dev/null || true)
done

# shim <binding library> <CUDA 12 soname> <CUDA 13 soname>
shim() {
    local binding=$work/lib/$1-$version-linux-x86_64.so old=$2 new=$3
    local names
    names=$(nm -D --undefined-only "$binding" | sed -n "s/^ *U \([A-Za-z0-9_]*\)@$old\$/\1/p" | sort -u)
    [ -n "$names" ] || { echo "cuda-compat: no $old symbols in $binding" >&2; exit 1; }
    local count
    count=$(echo "$names" | wc -l)
    {
        echo '#define _GNU_SOURCE'
        echo '#include <dlfcn.h>'
        echo '#include <stdio.h>'
        echo '#include <stdlib.h>'
        echo "__attribute__((visibility(\"hidden\"))) void *compat_targets[$count];"
        echo "static const char *const compat_names[$count] = {"
        echo "$names" | sed 's/.*/    "&",/'
        echo '};'
        echo "static void compat_missing(void) { fputs(\"cuda-compat: a function that $new lacks was called\\n\", stderr); abort(); }"
        echo '__attribute__((constructor)) static void compat_load(void) {'
        echo "    void *lib = dlopen(\"$new\", RTLD_NOW | RTLD_LOCAL);"
        echo "    for (int i = 0; i < $count; i++) {"
        echo '        void *f = lib ? dlsym(lib, compat_names[i]) : NULL;'
        echo '        compat_targets[i] = f ? f : (void *) compat_missing;'
        echo '    }'
        echo '}'
        echo '__asm__(".text\n"'
        local i=0
        for n in $names; do
            echo "    \".globl $n\\n.type $n,@function\\n$n: jmp *compat_targets+$((8 * i))(%rip)\\n\""
            i=$((i + 1))
        done
        echo ');'
    } >"$work/$old.c"
    { echo "$old { global:"; echo "$names" | sed 's/.*/    &;/'; echo "  local: *; };"; } >"$work/$old.map"
    # A stand-in for the CUDA 13 library, only so that the shim records it as DT_NEEDED.
    echo 'void compat_stand_in(void) {}' >"$work/stand_in.c"
    gcc -shared -fPIC -o "$work/$new" -Wl,-soname,"$new" "$work/stand_in.c"
    gcc -shared -fPIC -O2 -o "$out/$old" -Wl,-soname,"$old" -Wl,--version-script,"$work/$old.map" \
        "$work/$old.c" -Wl,--no-as-needed "$work/$new" -ldl
    echo "cuda-compat: $out/$old ($count functions, forwarded to $new)"
}

shim libJNvrtc libnvrtc.so.12 libnvrtc.so.13
shim libJCublas2 libcublas.so.12 libcublas.so.13
