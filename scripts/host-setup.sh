#!/usr/bin/env bash
# Prepares this host for Driftless and its tests, from Debian's packages, and does nothing that is
# already done: installs what is missing, starts a Docker engine when none answers, and builds the
# offline stand-in images. Needs root (or sudo) only when something must be installed or started.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
linkage=$(ldd /bin/busybox 2>&1 || true)
[[ -x /bin/busybox && "$linkage" == *"not a dynamic"* ]] || missing+=(busybox-static)

if [ ${#missing[@]} -gt 0 ]; then
  echo "host setup: installing ${missing[*]} from Debian's packages"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if ! docker version >/dev/null 2>&1; then
  sudo_if_needed "$here/docker-engine.sh"
else
  "$here/docker-engine.sh"
fi
"$here/offline-images.sh"
