#!/usr/bin/env bash
# Local "embedded default" Neo4j for Reform Hub (neo4j/: Neo4j Community embedded, Bolt on
# 127.0.0.1 without TLS, auth off).
#
#   scripts/neo4j.sh build                                  build neo4j/target if stale
#   scripts/neo4j.sh start  [--port N] [--data DIR] [--import DIR]   start in the background, wait until ready
#   scripts/neo4j.sh stop   [--data DIR]                    SIGTERM (SIGKILL after 60 s)
#   scripts/neo4j.sh status [--data DIR]                    exit 0 if running, 1 if not
#   scripts/neo4j.sh run    [--port N] [--data DIR]         run in the foreground (exec java)
#   scripts/neo4j.sh supervise [--port N] [--data DIR]      start if needed, then restart it whenever
#                                                           it dies (logging why); ends on a clean stop
#
# Env: NEO4J_PORT (7687), NEO4J_DATA_DIR (.neo4j/data), NEO4J_HEAP (768m, -Xmx),
#      NEO4J_PAGECACHE (256m), NEO4J_START_TIMEOUT (180 s), NEO4J_STOP_TIMEOUT (60 s),
#      NEO4J_JAVA (java; must be 17 or 21), NEO4J_JAVA_OPTS (extra JVM flags),
#      NEO4J_IMPORT_DIR (--import: the folder LOAD CSV reads file:///NAME from; default none),
#      NEO4J_TX_MEMORY_MAX (db.memory.transaction.max: one transaction; default heap/4),
#      NEO4J_TX_MEMORY_TOTAL (dbms.memory.transaction.total.max: all of them; default heap/2).
#      A query beyond them fails alone (MemoryPoolOutOfMemoryError) instead of killing the JVM.
# Relative paths are taken from the repository root, so the script works from any cwd.
# The pid file and the launcher's log sit next to the data dir: DIR/../neo4j.pid and
# DIR/../neo4j.log (the previous log is kept as neo4j.log.prev); Neo4j's own logs
# (debug.log, ...) are in DIR/logs/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
MODULE="$ROOT/neo4j"
TARGET="$MODULE/target"
JAR="$TARGET/neo4j-launcher.jar"
MAIN_CLASS="hub.reform.neo4j.Launcher"
HOST="127.0.0.1"

PORT="${NEO4J_PORT:-7687}"
DATA="${NEO4J_DATA_DIR:-.neo4j/data}"
IMPORT="${NEO4J_IMPORT_DIR:-}"
HEAP="${NEO4J_HEAP:-768m}"
PAGECACHE="${NEO4J_PAGECACHE:-256m}"
START_TIMEOUT="${NEO4J_START_TIMEOUT:-180}"
STOP_TIMEOUT="${NEO4J_STOP_TIMEOUT:-60}"
JAVA="${NEO4J_JAVA:-java}"

# Java 17+ closes the JDK internals that Neo4j uses: java.nio for the page cache's direct
# buffers, java.io + sun.nio.ch for the native (fadvise/preallocate) access to transaction
# log file descriptors. Without them Neo4j still runs, in a slower fallback mode.
JVM_FLAGS=(
  --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  -Dio.netty.tryReflectionSetAccessible=true
  -XX:+ExitOnOutOfMemoryError
)

die() { echo "neo4j.sh: $*" >&2; exit 1; }

usage() {
  sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

abspath() { # relative paths are taken from the repository root
  case "$1" in
    /*) printf '%s\n' "$1" ;;
    *) printf '%s\n' "$ROOT/$1" ;;
  esac
}

parse_args() {
  while (($#)); do
    case "$1" in
      --port) [[ $# -ge 2 ]] || die "--port needs a value"; PORT="$2"; shift 2 ;;
      --port=*) PORT="${1#--port=}"; shift ;;
      --data) [[ $# -ge 2 ]] || die "--data needs a value"; DATA="$2"; shift 2 ;;
      --data=*) DATA="${1#--data=}"; shift ;;
      --import) [[ $# -ge 2 ]] || die "--import needs a value"; IMPORT="$2"; shift 2 ;;
      --import=*) IMPORT="${1#--import=}"; shift ;;
      -h | --help) usage; exit 0 ;;
      *) die "unknown argument: $1 (see scripts/neo4j.sh --help)" ;;
    esac
  done
  [[ "$PORT" =~ ^[0-9]+$ ]] && ((PORT > 0 && PORT < 65536)) || die "bad port: $PORT"
  DATA="$(abspath "$DATA")"
  DATA="${DATA%/}"
  [[ -z "$IMPORT" ]] || IMPORT="$(abspath "$IMPORT")"
  STATE_DIR="$(dirname "$DATA")"
  PID_FILE="$STATE_DIR/neo4j.pid"
  LOG_FILE="$STATE_DIR/neo4j.log"
}

needs_build() {
  [[ -f "$JAR" && -d "$TARGET/dependency" ]] || return 0
  [[ -n "$(ls -A "$TARGET/dependency")" ]] || return 0
  [[ -z "$(find "$MODULE/pom.xml" "$MODULE/src" -newer "$JAR" -print -quit)" ]] || return 0
  return 1
}

build() {
  if ! needs_build; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn (Maven) is not on PATH; install it (e.g. apt-get install maven)"
  echo "neo4j.sh: building neo4j/ (Maven; the first build downloads Neo4j into ~/.m2)" >&2
  # After a pom.xml change start from an empty target/, so that a version bump never leaves
  # two Neo4j jar sets in target/dependency. (A source-only change keeps the jars, which a
  # running launcher may still be reading.)
  if [[ ! -f "$JAR" || "$MODULE/pom.xml" -nt "$JAR" ]]; then
    rm -rf "$TARGET"
  fi
  local out
  if ! out="$(mvn -q -B -f "$MODULE/pom.xml" package dependency:copy-dependencies -DincludeScope=runtime 2>&1)"; then
    printf '%s\n' "$out" >&2
    die "Maven build of neo4j/ failed"
  fi
  [[ -f "$JAR" ]] || die "Maven build did not produce $JAR"
}

check_java() {
  command -v "$JAVA" >/dev/null || die "java not found (set NEO4J_JAVA to a Java 17 or 21 binary)"
  local v major
  v="$("$JAVA" -version 2>&1 | sed -n 's/.*version "\([^"]*\)".*/\1/p' | head -n1)"
  major="${v%%.*}"
  [[ "$major" =~ ^[0-9]+$ ]] || die "cannot read the Java version of $JAVA"
  ((major == 17 || major == 21)) || die "Neo4j 5.26 needs Java 17 or 21; $JAVA is $v (set NEO4J_JAVA)"
}

to_mib() { # JVM size (e.g. 768m, 1g, 524288k) -> MiB, empty if unreadable
  local v="${1,,}"
  case "$v" in
    *g) v="${v%g}"; [[ "$v" =~ ^[0-9]+$ ]] && echo $((v * 1024)) ;;
    *m) v="${v%m}"; [[ "$v" =~ ^[0-9]+$ ]] && echo "$v" ;;
    *k) v="${v%k}"; [[ "$v" =~ ^[0-9]+$ ]] && echo $((v / 1024)) ;;
    *) [[ "$v" =~ ^[0-9]+$ ]] && echo $((v / 1048576)) ;;
  esac
  return 0
}

java_cmd() {
  local heap_mib xms
  heap_mib="$(to_mib "$HEAP")"
  [[ -n "$heap_mib" ]] && ((heap_mib >= 64)) || die "bad NEO4J_HEAP: $HEAP (e.g. 768m, 1g; at least 64m)"
  # Start small (the idle live heap is ~40 MiB) and let the JVM grow up to -Xmx. An explicit
  # -Xms also keeps Neo4j's "initial heap not configured" warning out of debug.log.
  xms=$((heap_mib < 128 ? heap_mib : 128))
  local cmd=("$JAVA" "-Xms${xms}m" "-Xmx$HEAP" "${JVM_FLAGS[@]}")
  if [[ -n "${NEO4J_JAVA_OPTS:-}" ]]; then
    local extra
    read -r -a extra <<<"$NEO4J_JAVA_OPTS"
    cmd+=("${extra[@]}")
  fi
  cmd+=(-cp "$TARGET/classes:$TARGET/dependency/*" "$MAIN_CLASS"
    --port "$PORT" --data "$DATA" --pagecache "$PAGECACHE")
  [[ -z "$IMPORT" ]] || cmd+=(--import "$IMPORT")
  JAVA_CMD=("${cmd[@]}")
}

# pid recorded in PID_FILE if that process is still a launcher (else empty)
recorded_pid() {
  [[ -f "$PID_FILE" ]] || return 0
  local pid
  pid="$(tr -dc '0-9' <"$PID_FILE")"
  [[ -n "$pid" ]] || return 0
  if kill -0 "$pid" 2>/dev/null && tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q "$MAIN_CLASS"; then
    echo "$pid"
  fi
}

pid_arg() { # pid_arg PID --flag: the value the launcher was started with
  tr '\0' '\n' <"/proc/$1/cmdline" 2>/dev/null | sed -n "/^$2\$/{n;p;q}"
}

# pid of the launcher serving DATA (empty if none). Dies if PID_FILE belongs to a
# launcher on another data dir in the same folder (they would share the pid file).
running_pid() {
  local pid d
  pid="$(recorded_pid)"
  [[ -n "$pid" ]] || return 0
  d="$(pid_arg "$pid" --data)"
  if [[ "$d" != "$DATA" ]]; then
    die "$PID_FILE belongs to the Neo4j on $d (pid $pid); give each data dir its own parent folder"
  fi
  echo "$pid"
}

port_open() {
  (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

log_tail() {
  echo "---- last lines of $LOG_FILE ----" >&2
  tail -n 40 "$LOG_FILE" >&2 || true
  if [[ -f "$DATA/logs/debug.log" ]]; then
    echo "---- last errors in $DATA/logs/debug.log ----" >&2
    grep -E ' (ERROR|WARN) ' "$DATA/logs/debug.log" | tail -n 10 >&2 || true
  fi
}

terminate() { # SIGTERM, wait up to STOP_TIMEOUT for the JVM to exit, then SIGKILL
  local pid="$1" started=$SECONDS
  kill -TERM "$pid" 2>/dev/null || return 0
  while kill -0 "$pid" 2>/dev/null; do
    if ((SECONDS - started >= STOP_TIMEOUT)); then
      echo "neo4j.sh: pid $pid still alive after ${STOP_TIMEOUT}s; sending SIGKILL" >&2
      kill -KILL "$pid" 2>/dev/null || true
      sleep 1
      return 0
    fi
    sleep 0.25
  done
}

cmd_start() {
  local pid
  pid="$(running_pid)" || exit 1
  if [[ -n "$pid" ]]; then
    local p
    p="$(pid_arg "$pid" --port)"
    echo "neo4j already running on bolt://$HOST:${p:-?} (pid $pid)"
    [[ "${p:-}" == "$PORT" ]] || echo "neo4j.sh: note: it listens on port ${p:-?}, not $PORT" >&2
    return 0
  fi
  rm -f "$PID_FILE" "$STATE_DIR/neo4j.stopping"
  if port_open "$PORT"; then
    die "port $PORT on $HOST is already in use by another process (use --port or NEO4J_PORT)"
  fi
  build
  check_java
  java_cmd
  mkdir -p "$DATA"
  [[ -f "$LOG_FILE" ]] && mv -f "$LOG_FILE" "$LOG_FILE.prev"
  : >"$LOG_FILE"

  local started=$SECONDS
  nohup "${JAVA_CMD[@]}" >>"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"

  local ready="neo4j ready bolt://$HOST:$PORT"
  while :; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "neo4j.sh: the Neo4j JVM (pid $pid) exited during startup" >&2
      rm -f "$PID_FILE"
      log_tail
      exit 1
    fi
    if grep -qF "$ready" "$LOG_FILE" && port_open "$PORT"; then
      break
    fi
    if ((SECONDS - started >= START_TIMEOUT)); then
      echo "neo4j.sh: Neo4j not ready after ${START_TIMEOUT}s; stopping pid $pid" >&2
      terminate "$pid"
      rm -f "$PID_FILE"
      log_tail
      exit 1
    fi
    sleep 0.25
  done
  echo "neo4j ready on bolt://$HOST:$PORT (pid $pid)"
}

cmd_stop() {
  local pid
  pid="$(running_pid)" || exit 1
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    echo "neo4j not running (no live launcher in $PID_FILE)"
    return 0
  fi
  # A supervisor (neo4j.sh supervise) sees the marker and does not restart it.
  : >"$STATE_DIR/neo4j.stopping"
  terminate "$pid"
  rm -f "$PID_FILE" # the marker stays until the next start
  if grep -qx "neo4j stopped" "$LOG_FILE" 2>/dev/null; then
    echo "neo4j stopped (pid $pid)"
  else
    echo "neo4j.sh: pid $pid is gone but did not report a clean shutdown; see $LOG_FILE" >&2
    return 1
  fi
}

cmd_status() {
  local pid
  pid="$(running_pid)" || exit 1
  if [[ -z "$pid" ]]; then
    echo "neo4j not running (data $DATA)"
    return 1
  fi
  local p
  p="$(pid_arg "$pid" --port)"
  if port_open "${p:-$PORT}"; then
    echo "neo4j running on bolt://$HOST:${p:-$PORT} (pid $pid, data $DATA)"
  else
    echo "neo4j starting (pid $pid, bolt port ${p:-$PORT} not open yet, data $DATA)"
  fi
}

# why_died prints what the logs say about the end of the JVM that served DATA.
why_died() {
  local reason
  reason="$(grep -E 'OutOfMemoryError|Terminating due to|Exception|Error' "$LOG_FILE" 2>/dev/null | tail -n 3 || true)"
  if [[ -n "$reason" ]]; then
    echo "neo4j.sh supervise: reason (from $LOG_FILE): $reason"
  else
    echo "neo4j.sh supervise: no reason in $LOG_FILE: killed by a signal (SIGKILL, the kernel's OOM killer) or crashed"
  fi
  echo "neo4j.sh supervise: ---- last lines of $LOG_FILE ----"
  tail -n 15 "$LOG_FILE" 2>/dev/null || true
  if [[ -f "$DATA/logs/debug.log" ]]; then
    echo "neo4j.sh supervise: ---- last errors in $DATA/logs/debug.log ----"
    grep -E ' ERROR ' "$DATA/logs/debug.log" | tail -n 5 || true
  fi
}

# cmd_supervise keeps the Neo4j of DATA running: started if it is not, restarted after any
# end that was not a clean stop (`neo4j.sh stop` or SIGTERM: the log's "neo4j stopped").
# Each death is logged with what the logs say about it. Five failed restarts in a row end
# the supervision with status 1. SIGTERM/SIGINT end the supervision, not Neo4j.
cmd_supervise() {
  trap 'exit 0' TERM INT
  local pid failures=0 backoff=1
  pid="$(running_pid)" || exit 1
  if [[ -z "$pid" ]]; then
    cmd_start || exit 1
    pid="$(running_pid)"
  fi
  echo "neo4j.sh supervise: watching pid $pid (data $DATA)"
  while :; do
    while kill -0 "$pid" 2>/dev/null; do
      sleep 1
    done
    if [[ -f "$STATE_DIR/neo4j.stopping" ]] || grep -qx "neo4j stopped" "$LOG_FILE" 2>/dev/null; then
      echo "neo4j.sh supervise: neo4j (pid $pid) stopped cleanly; supervision ends"
      return 0
    fi
    echo "neo4j.sh supervise: $(date -u +%FT%TZ) neo4j (pid $pid) died; restarting"
    why_died
    rm -f "$PID_FILE"
    while ! (cmd_start); do
      failures=$((failures + 1))
      if ((failures >= 5)); then
        echo "neo4j.sh supervise: $failures restarts failed in a row; giving up" >&2
        exit 1
      fi
      echo "neo4j.sh supervise: restart failed; next attempt in ${backoff}s" >&2
      sleep "$backoff"
      backoff=$((backoff * 2 > 30 ? 30 : backoff * 2))
    done
    failures=0 backoff=1
    pid="$(running_pid)"
    echo "neo4j.sh supervise: $(date -u +%FT%TZ) neo4j is back (pid $pid)"
  done
}

cmd_run() {
  build
  check_java
  java_cmd
  mkdir -p "$DATA"
  exec "${JAVA_CMD[@]}"
}

main() {
  local sub="${1:-}"
  [[ -n "$sub" ]] || { usage >&2; exit 2; }
  shift
  case "$sub" in
    build) parse_args "$@"; build ;;
    start) parse_args "$@"; cmd_start ;;
    stop) parse_args "$@"; cmd_stop ;;
    status) parse_args "$@"; cmd_status ;;
    run) parse_args "$@"; cmd_run ;;
    supervise) parse_args "$@"; cmd_supervise ;;
    -h | --help | help) usage ;;
    *) usage >&2; exit 2 ;;
  esac
}

main "$@"
