#!/usr/bin/env bash
# Prepares this host for Driftless and its tests, from Debian's packages, and does nothing that is
# already done: installs what is missing, starts a Docker engine when none answers, and builds the
# offline stand-in images. Needs root (or sudo) only when something must be installed or started.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

sudo_if_needed() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# What each package is for: docker.io, the engine; busybox-static, the offline images; age, the
# reference for the secret format; docker-compose, the reference for what a Compose file means and
# the benchmark's competitor; openssh-server, a real ssh git server for the source tests;
# prometheus, whose promtool lints /metrics; git, whose http-backend is the smart-HTTP test server.
missing=()
command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
linkage=$(ldd /bin/busybox 2>&1 || true)
[[ -x /bin/busybox && "$linkage" == *"not a dynamic"* ]] || missing+=(busybox-static)
command -v age >/dev/null 2>&1 || missing+=(age)
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
[ -x /usr/sbin/sshd ] || missing+=(openssh-server)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
command -v git >/dev/null 2>&1 || missing+=(git)
# The multi-target tests start a second dockerd with its own bridge (ip, from iproute2) and a TLS
# listener whose certificates openssl makes.
command -v ip >/dev/null 2>&1 || missing+=(iproute2)
command -v openssl >/dev/null 2>&1 || missing+=(openssl)

if [ ${#missing[@]} -gt 0 ]; then
  echo "host setup: installing ${missing[*]} from Debian's packages"
  sudo_if_needed apt-get update -qq
  # Installing a server package must not start it (prometheus on :9090, sshd on :22): tests start
  # their own on spare ports. policy-rc.d answering 101 tells Debian's maintainer scripts so.
  policy=/usr/sbin/policy-rc.d
  added_policy=false
  if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' | sudo_if_needed tee "$policy" >/dev/null
    sudo_if_needed chmod +x "$policy"
    added_policy=true
  fi
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  if $added_policy; then sudo_if_needed rm -f "$policy"; fi
fi

if ! docker version >/dev/null 2>&1; then
  sudo_if_needed "$here/docker-engine.sh"
else
  "$here/docker-engine.sh"
fi
"$here/offline-images.sh"
