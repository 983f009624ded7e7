#!/usr/bin/env bash
# Runs Delta's CUDA checks on a GPU machine that has no Java, Maven or network, from a copy of this
# checkout with the .device/ that bin/gpu/bundle.sh made beside it (docs/gpu-testing.md).
#   bin/gpu/run.sh [step...]   steps: tests goldens bench examples (default: all four)
# Results go to stdout and to $OUT (default /tmp/gpu-out): junit.txt, e2e.txt, goldens.txt, ...
# Needs an NVIDIA driver and CUDA 13's (or 12's) libnvrtc and libcublas on the machine.
set -u
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$root"
out=${OUT:-/tmp/gpu-out}
mkdir -p "$out"
step() { echo; echo "=== $* ($(date +%T))"; }

if [ ! -x /tmp/delta-jdk/bin/java ]; then
    tar xJf .device/bundle.tar.xz -C . && rm -rf /tmp/delta-jdk && mv djdk /tmp/delta-jdk
fi
tar xzf .device/overlay.tar.gz -C .
export JAVA_HOME=/tmp/delta-jdk DELTA_SKIP_BUILD=1 DELTA_RUNTIME=jdk
export PATH=/tmp/delta-jdk/bin:$PATH:/usr/local/cuda/bin
touch launcher/target/modules/.built

step "the machine"
nvidia-smi --query-gpu=name,driver_version,memory.total --format=csv,noheader
# JCuda 12.6 wants CUDA 12's libraries; cuda-compat forwards them to CUDA 13's, wherever those are.
cuda_dirs=$(find /usr/local /usr/lib /opt -xdev \( -name 'libnvrtc.so.1[23]' -o -name 'libcublas.so.1[23]' \) -printf '%h\n' 2>/dev/null | sort -u | paste -sd:)
export LD_LIBRARY_PATH=$root/gpu-intrinsics/target/cuda-compat${cuda_dirs:+:$cuda_dirs}${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
echo "LD_LIBRARY_PATH=$LD_LIBRARY_PATH"

mods=launcher/target/modules
jcuda=$mods/jcuda-12.6.0.jar:$mods/jcublas-12.6.0.jar:$mods/jcuda-natives-12.6.0-linux-x86_64.jar:$mods/jcublas-natives-12.6.0-linux-x86_64.jar
junit=(-jar junit/junit-platform-console-standalone-1.13.4.jar execute --disable-banner --disable-ansi-colors --details=summary)

for s in ${*:-tests goldens bench examples}; do
    case $s in
    tests)
        step "gpu-intrinsics: delta.tensor.cuda (as surefire runs it)"
        timeout 500 java --sun-misc-unsafe-memory-access=allow --add-modules jdk.incubator.vector \
            --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --enable-native-access=ALL-UNNAMED "${junit[@]}" \
            -cp gpu-intrinsics/target/classes:gpu-intrinsics/target/test-classes:$jcuda --select-package=delta.tensor.cuda 2>&1 |
            tee "$out/junit.txt" | grep -E "tests (successful|failed|aborted)|=>|JUnit Jupiter:"
        step "tests: CUDA end-to-end (the module path of tests/pom.xml)"
        select=()
        for c in CudaAdTensorTest CudaDeviceTest CudaTrainingTest CudaCompatTest; do select+=(--select-class=delta.tests.$c); done
        timeout 500 java -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI -Xss16m --module-path $mods:launcher/target/delta-launcher.jar \
            --upgrade-module-path launcher/target/jvmci/compiler-25.0.1.jar:launcher/target/jvmci/truffle-compiler-25.0.1.jar \
            --add-modules ALL-MODULE-PATH --add-modules jdk.incubator.vector --add-exports java.base/jdk.internal.misc=delta.tensor \
            --enable-native-access=org.graalvm.truffle,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow -Ddelta.root="$root" \
            "${junit[@]}" -cp tests/target/test-classes "${select[@]}" 2>&1 |
            tee "$out/e2e.txt" | grep -E "tests (successful|failed|aborted)|=>|JUnit Jupiter:"
        ;;
    goldens)
        step "golden programs with --device=cuda against their CPU output"
        # Tensor printouts name a device other than the CPU: that is taken out before comparing.
        one() {
            local d b r
            d=$(dirname "$1") b=$(basename "$1" .dl)
            (cd "$d" && timeout 120 "$root/dl" --device=cuda "$b.dl" 2>&1 | sed 's/, device=cuda:0//g' >"/tmp/$b.gpu")
            if diff -q "/tmp/$b.gpu" "$d/$b.out" >/dev/null; then
                echo "same $b"
            else
                r=$(echo "DIFF $b"; diff "$d/$b.out" "/tmp/$b.gpu" | head -8 | sed 's/^/    /')
                printf '%s\n' "$r"
            fi
        }
        export -f one
        export root
        ls tests/src/test/resources/golden/*.dl | xargs -P 12 -I{} bash -c 'one {}' >"$out/goldens.txt" 2>&1
        echo "$(grep -c '^same' "$out/goldens.txt") the same, $(grep -c '^DIFF' "$out/goldens.txt") different:"
        grep -v '^same' "$out/goldens.txt"
        ;;
    bench)
        step "bench/cuda_matmul"
        timeout 300 bench/cuda_matmul 2>&1 | tee "$out/cuda_matmul.txt"
        step "bench/cuda_w2"
        timeout 400 bench/cuda_w2 2>&1 | tee "$out/cuda_w2.txt"
        ;;
    examples)
        for ex in digits_mlp digits_cnn; do
            step "examples/$ex.dl --device=cuda"
            { time timeout 200 ./dl --device=cuda "examples/$ex.dl"; } 2>&1 | tail -6 | tee "$out/$ex.txt"
        done
        ;;
    *) echo "bin/gpu/run.sh: unknown step '$s' (tests, goldens, bench, examples)" >&2; exit 2 ;;
    esac
done
