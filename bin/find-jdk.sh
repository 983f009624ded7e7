# Sourced by ./dl and ./mvnw: sets DELTA_JAVA_HOME to a JDK >= 25, or stops with what to install.
# It reads each candidate's `release` file instead of starting a JVM, so it costs no start-up time.

delta_jdk_major() {
    # JAVA_VERSION="25.0.3" -> 25 ; JAVA_VERSION="1.8.0_392" -> 1
    sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}

delta_find_jdk() {
    local candidate major
    for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* \
                     /Library/Java/JavaVirtualMachines/*/Contents/Home; do
        [ -n "$candidate" ] && [ -x "$candidate/bin/java" ] || continue
        major=$(delta_jdk_major "$candidate")
        if [ -n "$major" ] && [ "$major" -ge 25 ]; then
            DELTA_JAVA_HOME=$candidate
            return 0
        fi
    done
    cat >&2 <<'MSG'
Delta needs a JDK 25 or newer, and none was found (looked at JAVA_HOME and /usr/lib/jvm).
Install one, for example Temurin 25 (Debian/Ubuntu: apt-get install temurin-25-jdk from the
Adoptium repository), or set JAVA_HOME to a JDK 25 installation.
MSG
    exit 1
}

delta_find_jdk
