# Sourced by ./dl: the runtime image and start-up cache that dl runs on (docs/design.md, "Start-up").
#
# The Graal compiler jar has to replace the JDK's own jdk.graal.compiler module, and the only way to
# do that on a stock JDK is --upgrade-module-path, which turns class data sharing off: every start
# loaded and linked its ~4,900 classes from scratch. So dl makes, once per JDK, a copy of the JDK
# without jdk.graal.compiler (jlink, about 2 s and 190 MB under launcher/target), on which the jar
# goes on the plain module path, and, once per build, a JDK 25 AOT cache of the classes a typical
# program loads (a training run of bin/aot-training.dl, about 4 s). hello.dl starts in 0.41-0.48 s
# instead of 0.60-0.74 s.
#
# Expects: root, target, DELTA_JAVA_HOME, java_args (the JVM flags both ways share) and
# graal_jars. Sets runtime_java and runtime_args for one of:
#   - the image and its cache, when both are ready or can be made now;
#   - the JDK itself with --upgrade-module-path, when they cannot (jlink or the training run failed:
#     the reason is in launcher/target/runtime.log, and dl does not try again until the next build
#     or another JDK), or when DELTA_RUNTIME=jdk.

runtime=$target/runtime
runtime_aot=$runtime/delta.aot
runtime_failed=$target/runtime.failed
runtime_log=$target/runtime.log
delta_modules=$target/modules:$target/delta-launcher.jar
# The JDK the image is copied from: its real path (two spellings of it share one image) and its
# exact version (an update installed in the same place makes a new image).
runtime_jdk="$(readlink -f "$DELTA_JAVA_HOME") $(grep -s '^JAVA_RUNTIME_VERSION=' "$DELTA_JAVA_HOME/release" || true)"

# Newer than the cache: a jar of the module path (a rebuild), or dl's JVM flags, this file or the
# training script (an edit), so the cache is stale.
delta_runtime_stale() {
    [ -n "$(find "$target/modules" "$target/delta-launcher.jar" "$target/jvmci" "$root/dl" \
        "$root/bin/runtime-image.sh" "$root/bin/aot-training.dl" -newer "$1" -print -quit 2>/dev/null)" ]
}

delta_runtime_ready() {
    [ -x "$runtime/bin/java" ] && [ -f "$runtime_aot" ] &&
        [ "$(cat "$runtime/source-jdk" 2>/dev/null)" = "$runtime_jdk" ] && ! delta_runtime_stale "$runtime_aot"
}

# A failure is remembered for the build and JDK it happened with.
delta_runtime_failed_before() {
    [ -f "$runtime_failed" ] && [ "$(cat "$runtime_failed")" = "$runtime_jdk" ] && ! delta_runtime_stale "$runtime_failed"
}

delta_image_args() {
    image_args=(--module-path "$delta_modules:$graal_jars"
        --add-modules jdk.graal.compiler,org.graalvm.truffle.compiler)
}

delta_make_image() {
    [ -x "$runtime/bin/java" ] && [ "$(cat "$runtime/source-jdk" 2>/dev/null)" = "$runtime_jdk" ] && return 0
    local modules
    # Every module of the JDK but its Graal stub, and jlink itself with what needs it (a JDK image
    # without packaged modules cannot copy jlink, and Delta does not use it).
    modules=$("$DELTA_JAVA_HOME/bin/java" --list-modules | sed 's/@.*//' |
        grep -v -e '^jdk\.graal\.compiler' -e '^jdk\.jlink$' -e '^jdk\.jpackage$' | paste -sd, -) || return 1
    rm -rf "$runtime" "$runtime.tmp"
    "$DELTA_JAVA_HOME/bin/jlink" --add-modules "$modules" --output "$runtime.tmp" || return 1
    echo "$runtime_jdk" >"$runtime.tmp/source-jdk"
    mv "$runtime.tmp" "$runtime"
}

delta_make_cache() {
    local image_args
    delta_image_args
    rm -f "$runtime_aot" "$runtime_aot.tmp"
    "$runtime/bin/java" "${java_args[@]}" "${image_args[@]}" -XX:AOTCacheOutput="$runtime_aot.tmp" \
        -m delta.launcher/delta.launcher.DeltaLauncher "$root/bin/aot-training.dl" || return 1
    [ -f "$runtime_aot.tmp" ] && mv "$runtime_aot.tmp" "$runtime_aot"
}

delta_prepare_runtime() {
    delta_runtime_failed_before && return 1
    local lock
    exec {lock}>"$target/runtime.lock"
    # flock is in util-linux; where it is missing, two first runs at once could both make it.
    if command -v flock >/dev/null; then flock "$lock"; fi
    # Another dl may have made it while this one waited for the lock.
    if ! delta_runtime_ready && ! delta_runtime_failed_before; then
        [ -t 2 ] && echo "Preparing Delta's runtime image and start-up cache (once per build)..." >&2
        if { delta_make_image && delta_make_cache; } >"$runtime_log" 2>&1; then
            rm -f "$runtime_failed"
        else
            echo "$runtime_jdk" >"$runtime_failed"
        fi
    fi
    exec {lock}>&-
    delta_runtime_ready
}

if [ "${DELTA_RUNTIME:-image}" != jdk ] && { delta_runtime_ready || delta_prepare_runtime; }; then
    delta_image_args
    runtime_java=$runtime/bin/java
    # -Xlog: a cache the JVM cannot use in full (DELTA_JAVA_OPTS changed module options) is reported
    # on stdout; the program runs the same without it, and its output stays its own.
    runtime_args=("${image_args[@]}" -XX:AOTCache="$runtime_aot" "-Xlog:aot*=off")
else
    runtime_java=$DELTA_JAVA_HOME/bin/java
    runtime_args=(--module-path "$delta_modules" --upgrade-module-path "$graal_jars")
fi
