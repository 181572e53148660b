#!/usr/bin/env bash
# Footprint of the daemon (a benchmark, not a test): the time from process start to ready
# (/health/readiness answers 200) and the resident memory (RSS) once it has reconciled the hello
# example and sat idle, with the launcher's default JVM options (the ./driftless script's).
#
#   benchmarks/footprint.sh            # prints both figures (two runs when the class archive is missing)
#   IDLE_SECONDS=30 benchmarks/footprint.sh
#   NMT=1 JAVA_OPTS=-XX:NativeMemoryTracking=summary benchmarks/footprint.sh   # where the memory goes
#
# It deploys a copy of charts-free-examples/hello under a unique app name (its host port moved to
# a free one) to the local engine, and removes exactly that app's containers and network at the end.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
idle=${IDLE_SECONDS:-15}
work=$(mktemp -d)
app="driftless-bench-footprint-$$"
pid=""

cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  ids=$(docker ps -aq --filter "label=dev.driftless.app=$app")
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
  nets=$(docker network ls -q --filter "label=dev.driftless.app=$app")
  [ -z "$nets" ] || docker network rm $nets >/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# Build the jar first (the script does it when stale), so the build is not timed.
"$here/driftless" --version >/dev/null

mkdir -p "$work/repo/$app"
sed "s/\"8080:8080\"/\"$(free_port):8080\"/" "$here/charts-free-examples/hello/compose.yaml" > "$work/repo/$app/compose.yaml"
git -C "$work/repo" init -q -b main
git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost add -A
git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost commit -qm "hello"

# One daemon run: start, time to ready, reconcile, idle, RSS, stop (a stop lets the launcher's JVM
# write its class archive on the first run).
measure() {
  local label=$1 port start ready java_pid rss_kb
  port=$(free_port)
  rm -rf "$work/data"
  start=$(date +%s%N)
  "$here/driftless" run --source "$work/repo" --data "$work/data" --port "$port" > "$work/daemon.log" 2>&1 &
  pid=$!

  until curl -fs "http://127.0.0.1:$port/health/readiness" >/dev/null 2>&1; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/daemon.log" >&2; echo "the daemon died" >&2; exit 1; }
    sleep 0.02
  done
  ready=$(date +%s%N)

  until curl -fs "http://127.0.0.1:$port/api/apps" | grep -q "\"app\":\"$app\".*\"sync\":\"Synced\""; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/daemon.log" >&2; echo "the daemon died" >&2; exit 1; }
    sleep 0.1
  done
  sleep "$idle"

  java_pid=$(pgrep -P "$pid" java || echo "$pid")
  [ -z "${NMT:-}" ] || jcmd "$java_pid" VM.native_memory summary | grep -E "^-|committed=" | grep -E "Total|Java Heap|Class|Thread|Code|GC|Internal|Other|Symbol|Metaspace|Shared" | head -24
  [ -z "${NMT:-}" ] || echo "threads: $(jcmd "$java_pid" Thread.print | grep -c '^"')"
  rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$java_pid/status")
  echo "$label"
  echo "  time to ready: $(( (ready - start) / 1000000 )) ms (process start to /health/readiness 200; aim < 3000 ms)"
  echo "  RSS idle after one reconcile of hello: $(( rss_kb / 1024 )) MB (after ${idle} s idle; aim < 160 MB)"
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  pid=""
  ids=$(docker ps -aq --filter "label=dev.driftless.app=$app")
  [ -z "$ids" ] || docker rm -f $ids >/dev/null
}

archive="$here/reconciler/target/driftless-daemon.jsa"
if [ ! -f "$archive" ] || [ "$archive" -ot "$here/reconciler/target/driftless.jar" ]; then
  measure "first run (no class archive yet; the launcher writes it when this run stops):"
fi
measure "run with the launcher's class archive (every later start):"
