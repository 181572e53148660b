#!/usr/bin/env bash
# Builds stand-in images for the public tags the examples and tests reference, from Debian's
# static busybox (package busybox-static), FROM scratch. For machines that reach no image
# registry: CI here, and air-gapped hosts before `./driftless demo`.
#
# An image already present under a tag is kept (the Compose default pull policy would use it
# too), unless --force is given. Every image says what it is in its
# org.opencontainers.image.description label, so it can be told apart from the real one.
set -euo pipefail

tags=("busybox:1.36" "busybox:1.37" "busybox:latest")
force=false
for arg in "$@"; do
  case "$arg" in
    --force) force=true ;;
    -h|--help) echo "usage: $0 [--force]   builds ${tags[*]} from Debian's static busybox"; exit 0 ;;
    *) echo "unknown argument: $arg" >&2; exit 2 ;;
  esac
done

busybox=/bin/busybox
linkage=$(ldd "$busybox" 2>&1 || true)
if [[ "$linkage" != *"not a dynamic"* ]]; then
  echo "offline images: $busybox is not the static busybox (apt-get install busybox-static)" >&2
  exit 1
fi

missing=()
for tag in "${tags[@]}"; do
  if $force || ! docker image inspect "$tag" >/dev/null 2>&1; then missing+=("$tag"); fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "offline images: ${tags[*]} already present"
  exit 0
fi

context=$(mktemp -d)
trap 'rm -rf "$context"' EXIT
cp "$busybox" "$context/busybox"
cat >"$context/Dockerfile" <<'DOCKERFILE'
FROM scratch
COPY busybox /bin/busybox
# One hard link per applet gives sh, httpd, sleep, nc, wget... at their usual paths.
RUN ["/bin/busybox", "--install", "-s", "/bin"]
RUN ["/bin/busybox", "mkdir", "-p", "/tmp", "/var/www", "/etc"]
RUN ["/bin/sh", "-c", "echo 'root:x:0:0:root:/root:/bin/sh' > /etc/passwd && echo 'nobody:x:65534:65534:nobody:/:/bin/false' >> /etc/passwd && echo 'root:x:0:' > /etc/group && echo 'nogroup:x:65534:' >> /etc/group && chmod 1777 /tmp"]
ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
LABEL org.opencontainers.image.description="Driftless offline stand-in, built from Debian busybox-static"
CMD ["sh"]
DOCKERFILE

tag_args=()
for tag in "${missing[@]}"; do tag_args+=(-t "$tag"); done
echo "offline images: building ${missing[*]} from $busybox"
docker build -q "${tag_args[@]}" "$context" >/dev/null
echo "offline images: built ${missing[*]}"
