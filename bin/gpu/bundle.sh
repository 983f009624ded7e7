#!/usr/bin/env bash
# Packs what a GPU machine without Java, Maven or a network needs to run Delta's CUDA tests,
# golden programs and GPU benchmarks into .device/ (ignored by git; docs/gpu-testing.md):
#   .device/bundle.tar.xz   a JDK 25 (jlink, the modules Delta and the tests use), the launcher's
#                           module path and Graal jars, JUnit's console launcher   (~36 MB)
#   .device/overlay.tar.gz  Delta's own jars and classes, test classes, cuda-compat (~2 MB)
# bin/gpu/bundle.sh          both (the bundle only when missing: it takes a minute or two)
# bin/gpu/bundle.sh overlay  the overlay alone, after a change to Delta's code
# On the GPU machine, from a copy of this checkout with .device/ beside it: bin/gpu/run.sh.
set -euo pipefail
root=$(cd "$(dirname "$(readlink -f "$0")")/../.." && pwd)
cd "$root"
. bin/find-jdk.sh
junit_version=1.13.4
junit_jar=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_version/junit-platform-console-standalone-$junit_version.jar
mkdir -p .device

mvn() { JAVA_HOME=$DELTA_JAVA_HOME ./mvnw -q "$@"; }
mvn -o install -DskipTests
mvn -o package -DskipTests -pl launcher
mvn -o test-compile -pl gpu-intrinsics,tests
touch launcher/target/modules/.built
gpu-intrinsics/cuda-compat/build.sh >/dev/null

if [ "${1:-}" != overlay ] && [ ! -f .device/bundle.tar.xz ]; then
    [ -f "$junit_jar" ] || mvn dependency:get -Dartifact=org.junit.platform:junit-platform-console-standalone:$junit_version
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    "$DELTA_JAVA_HOME/bin/jlink" --add-modules java.base,java.logging,java.management,jdk.management,jdk.unsupported,jdk.incubator.vector,jdk.internal.vm.ci,jdk.jfr,java.xml,java.scripting,jdk.zipfs,jdk.compiler,java.sql,java.instrument,jdk.attach,jdk.management.agent,jdk.crypto.ec \
        --strip-debug --no-header-files --no-man-pages --output "$work/djdk" 2>&1 | grep -v 'incubator modules' || true
    mkdir -p "$work/launcher/target" "$work/junit"
    cp -r launcher/target/modules launcher/target/jvmci "$work/launcher/target/"
    cp "$junit_jar" "$work/junit/"
    # NVIDIA's PTX compiler library (24 MB) is not used; jars stored rather than deflated let xz
    # compress across them (36 MB instead of over 60).
    zip -q -d "$work/launcher/target/modules/jcuda-natives-12.6.0-linux-x86_64.jar" 'lib/libJNvPTXCompiler*' || true
    for jar in "$work"/launcher/target/modules/*.jar "$work"/launcher/target/jvmci/*.jar; do
        x=$(mktemp -d)
        (cd "$x" && unzip -q "$jar" && rm "$jar" && zip -q -0 -r -X "$jar" .)
        rm -rf "$x"
    done
    tar cf - -C "$work" . | xz -6 -T0 >.device/bundle.tar.xz.part
    mv .device/bundle.tar.xz.part .device/bundle.tar.xz
fi
tar czf .device/overlay.tar.gz gpu-intrinsics/target/classes gpu-intrinsics/target/test-classes tests/target/test-classes \
    launcher/target/modules/delta-*.jar launcher/target/delta-launcher.jar gpu-intrinsics/target/cuda-compat
ls -la .device/
