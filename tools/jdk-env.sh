# Sourced by ./porthole and ./run-tests: makes JAVA_HOME a JDK 25.
# Keeps JAVA_HOME when it already is a JDK 25; otherwise picks the first JDK 25 under /usr/lib/jvm
# (Temurin first). Fails with a clear message when there is none.
porthole_java_feature() { # prints the feature release of the JDK at $1, or nothing
  local rel="$1/release"
  [ -x "$1/bin/java" ] && [ -x "$1/bin/javac" ] && [ -f "$rel" ] || return 0
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$rel"
}

porthole_select_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ "$(porthole_java_feature "$JAVA_HOME")" = "25" ]; then
    return 0
  fi
  local candidate
  for candidate in /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-25-jdk-* /usr/lib/jvm/*25*; do
    if [ -d "$candidate" ] && [ "$(porthole_java_feature "$candidate")" = "25" ]; then
      export JAVA_HOME="$candidate"
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "porthole: no JDK 25 found. JAVA_HOME='${JAVA_HOME:-}' is not a JDK 25 and /usr/lib/jvm has none." >&2
  echo "porthole: install Temurin 25 (expected at /usr/lib/jvm/temurin-25-jdk-amd64) or set JAVA_HOME to a JDK 25." >&2
  return 1
}
