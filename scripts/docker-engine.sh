#!/usr/bin/env bash
# Makes sure a Docker engine answers on the default socket, starting Debian's dockerd when none
# does. Idempotent: an engine that already answers is left exactly as it is.
set -euo pipefail

log=${DRIFTLESS_DOCKERD_LOG:-/var/log/driftless-dockerd.log}

engine_answers() {
  docker version --format '{{.Server.Version}}' >/dev/null 2>&1
}

if engine_answers; then
  echo "docker engine: already running ($(docker version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))"
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  echo "docker engine: dockerd is not installed (apt-get install docker.io)" >&2
  exit 1
fi

# A dockerd killed without cleanup leaves its pid file behind and refuses to start again.
if [ -f /var/run/docker.pid ] && ! kill -0 "$(cat /var/run/docker.pid)" 2>/dev/null; then
  rm -f /var/run/docker.pid
fi
if [ -f /run/containerd/containerd.pid ] && ! kill -0 "$(cat /run/containerd/containerd.pid)" 2>/dev/null; then
  rm -f /run/containerd/containerd.pid
fi

echo "docker engine: starting dockerd (log: $log)"
nohup setsid dockerd >"$log" 2>&1 </dev/null &

for _ in $(seq 1 60); do
  if engine_answers; then
    echo "docker engine: up ($(docker version --format '{{.Server.Version}} API {{.Server.APIVersion}}'))"
    exit 0
  fi
  sleep 1
done
echo "docker engine: dockerd did not answer within 60 s; last lines of $log:" >&2
tail -n 30 "$log" >&2 || true
exit 1
