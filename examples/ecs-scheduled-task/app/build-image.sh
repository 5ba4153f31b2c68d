#!/usr/bin/env bash
# Builds the example's image for teiki's docker runtime without a registry or a
# Dockerfile build: Debian's static busybox (sh, date, ...) plus sample-logger.sh in /app,
# the image's working directory, imported as a one-layer image. The task's command
# override (`sh sample-logger.sh sample:logger`) then runs as it does on Fargate.
#
#   app/build-image.sh [IMAGE]        IMAGE defaults to localhost/ecs-scheduler-sample:v1
#
# The image goes to the engine teiki uses: with a `docker` CLI, the engine at DOCKER_HOST
# (Docker, or Podman's API service); with only `podman`, Podman's own store, or the service
# at DOCKER_HOST when that is a unix socket. busybox comes from apt (`apt-get download
# busybox-static`, the apt cache first); BUSYBOX_DEB=FILE uses a .deb you already have.
set -euo pipefail

image=${1:-localhost/ecs-scheduler-sample:v1}
here=$(cd "$(dirname "$0")" && pwd)

work=$(mktemp -d "${TMPDIR:-/tmp}/ecs-scheduler-sample-image.XXXXXX")
trap 'rm -rf "$work"' EXIT

# The busybox package: given, cached by apt, or downloaded (apt's configured sources).
deb=${BUSYBOX_DEB:-}
if [ -z "$deb" ]; then
  for cached in /var/cache/apt/archives/busybox-static_*.deb; do
    if [ -f "$cached" ]; then deb=$cached; fi
  done
fi
if [ -z "$deb" ]; then
  (cd "$work" && { apt-get download -qq busybox-static 2>/dev/null ||
    { apt-get update -qq && apt-get download -qq busybox-static; }; })
  deb=$(ls "$work"/busybox-static_*.deb)
fi
dpkg-deb -x "$deb" "$work/pkg"

# The root file system: busybox with a link per applet, the users a container expects,
# a world-writable /tmp, and the workload in /app.
root=$work/root
mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/app"
chmod 1777 "$root/tmp"
cp "$work/pkg/bin/busybox" "$root/bin/busybox"
for applet in $("$root/bin/busybox" --list); do
  if [ "$applet" != busybox ]; then ln -s busybox "$root/bin/$applet"; fi
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$root/etc/passwd"
printf 'root:x:0:\nnobody:x:65534:\n' >"$root/etc/group"
install -m 0755 "$here/sample-logger.sh" "$root/app/sample-logger.sh"
install -m 0755 "$here/web.sh" "$root/app/web.sh"
tar -C "$root" --owner=0 --group=0 --numeric-owner -cf "$work/rootfs.tar" .

# The image: working directory /app, so the override's relative `sample-logger.sh` is
# found; without an override it runs the job as the article's task would.
changes=(
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'
  --change 'WORKDIR /app'
  --change 'CMD ["sh", "sample-logger.sh", "sample:logger"]'
)
if command -v docker >/dev/null 2>&1 && docker version >/dev/null 2>&1; then
  docker import "${changes[@]}" "$work/rootfs.tar" "$image" >/dev/null
  cli=docker
elif command -v podman >/dev/null 2>&1; then
  podman_args=()
  if [[ ${DOCKER_HOST:-} == unix://* ]]; then podman_args=(--url "$DOCKER_HOST"); fi
  podman "${podman_args[@]}" import -q "${changes[@]}" "$work/rootfs.tar" "$image" >/dev/null
  cli=podman
else
  echo "error: neither a docker CLI that reaches its engine nor podman was found" >&2
  exit 1
fi
echo "built $image with $cli import (busybox from $(basename "$deb"))"
