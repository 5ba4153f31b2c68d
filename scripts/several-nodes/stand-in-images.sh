#!/usr/bin/env bash
# Offline stand-ins for the two base images examples/several-nodes names, for machines
# that reach Debian's package archive and the npm registry but no container registry:
#
#   docker.io/library/node:20-bookworm-slim   Debian bookworm (minbase) with this machine's
#       Node 20 as /usr/local/bin/node, its npm and its headers (/usr/local/include/node),
#       a `node` user (1000:1000) and the same entrypoint: the layout of the official image.
#   docker.io/library/postgres:16             Debian bookworm with Debian's PostgreSQL (15:
#       bookworm has no 16) and an entrypoint that honours POSTGRES_USER, POSTGRES_PASSWORD
#       and POSTGRES_DB as the official one does (scripts/several-nodes/postgres-entrypoint.sh).
#
# Each root file system is built by mmdebstrap from the Debian archive and imported into
# Podman under the official name, so the compose file and its Dockerfile run unchanged.
# An image the engine already has (the real one, or a stand-in from an earlier run) is
# kept; --force rebuilds both.
#
#   scripts/several-nodes/stand-in-images.sh [--force]
#
# Needs root (mmdebstrap's root mode, Podman's rootful store), Podman, mmdebstrap (both
# installed from Debian when missing) and Node 20 with npm on PATH.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

NODE_IMAGE=docker.io/library/node:20-bookworm-slim
POSTGRES_IMAGE=docker.io/library/postgres:16
# No mirror named: mmdebstrap takes Debian's default archive and, for a stable release,
# adds its updates and security suites itself.
SUITE=bookworm

say() { echo "stand-in-images: $*" >&2; }
die() {
  echo "stand-in-images: error: $*" >&2
  exit 1
}

# --- the node image's extra files (run by mmdebstrap as a customize hook, $1 = the root) -
node_headers_dir() {
  local prefix dir
  prefix=$(node -p 'process.config.variables.node_prefix || "/usr"')
  for dir in "$prefix/include/node" /usr/include/node /usr/local/include/node; do
    if [ -f "$dir/node_version.h" ]; then
      echo "$dir"
      return 0
    fi
  done
  return 1
}

customize_node() {
  local root=$1 node npm_dir headers
  node=$(readlink -f "$(command -v node)")
  npm_dir=$(npm root -g)/npm
  headers=$(node_headers_dir)
  install -m 0755 "$node" "$root/usr/local/bin/node"
  mkdir -p "$root/usr/local/lib/node_modules" "$root/usr/local/include"
  cp -a "$npm_dir" "$root/usr/local/lib/node_modules/npm"
  cp -a "$headers" "$root/usr/local/include/node"
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$root/usr/local/bin/npm"
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$root/usr/local/bin/npx"
  # The official image's user and entrypoint (a first argument that is an option or no
  # command runs node with it).
  chroot "$root" groupadd --gid 1000 node
  chroot "$root" useradd --uid 1000 --gid node --shell /bin/bash --create-home node
  cat >"$root/usr/local/bin/docker-entrypoint.sh" <<'ENTRYPOINT'
#!/bin/sh
set -e
if [ "${1#-}" != "${1}" ] || [ -z "$(command -v "${1}")" ] || { [ -f "${1}" ] && ! [ -x "${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
ENTRYPOINT
  chmod 0755 "$root/usr/local/bin/docker-entrypoint.sh"
  # This machine's own certificate authorities (Debian keeps them in
  # /usr/local/share/ca-certificates: a TLS-inspecting proxy's, say), which npm in the
  # image needs to reach the registry from here as it does on the machine.
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    mkdir -p "$root/usr/local/share/ca-certificates"
    cat /usr/local/share/ca-certificates/*.crt >"$root/usr/local/share/ca-certificates/machine.crt"
  fi
}

customize_postgres() {
  local root=$1 bin
  bin=$(printf '%s\n' "$root"/usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  install -m 0755 "$here/postgres-entrypoint.sh" "$root/usr/local/bin/docker-entrypoint.sh"
  mkdir -p "$root/var/lib/postgresql/data"
  echo "${bin#"$root"}" >"$root/usr/local/share/postgres-bin-dir"
}

case "${1:-}" in
customize-node)
  customize_node "$2"
  exit 0
  ;;
customize-postgres)
  customize_postgres "$2"
  exit 0
  ;;
esac

force=false
if [ "${1:-}" = --force ]; then force=true; elif [ $# -gt 0 ]; then die "usage: $0 [--force]"; fi

# --- tools -----------------------------------------------------------------------------
[ "$(id -u)" = 0 ] || die "run as root: mmdebstrap builds the root file systems in root mode and Podman imports them into root's store"
missing=()
command -v podman >/dev/null 2>&1 || missing+=(podman)
command -v mmdebstrap >/dev/null 2>&1 || missing+=(mmdebstrap)
if [ ${#missing[@]} -gt 0 ]; then
  command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and no apt-get to install them"
  say "installing ${missing[*]}"
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
node_version=$(node -p process.versions.node 2>/dev/null) || die "node is not on PATH"
case "$node_version" in 20.*) ;; *) die "the node image is Node 20, but node on PATH is $node_version" ;; esac
command -v npm >/dev/null 2>&1 || die "npm is not on PATH"
node_headers_dir >/dev/null || die "no Node headers (include/node/node_version.h) beside node $node_version: node-gyp in the image would need them"

work=$(mktemp -d /tmp/teiki-stand-in.XXXXXX)
trap 'rm -rf "$work"' EXIT

# mmdebstrap ROOTFS_TAR [options]: a bookworm minbase without manuals, docs and locales,
# as debian:bookworm-slim is.
bootstrap() {
  local tar=$1
  shift
  mmdebstrap --variant=minbase --quiet \
    --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/info/*' \
    --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
    --dpkgopt='path-exclude=/usr/share/locale/*' \
    "$@" "$SUITE" "$tar" >&2 || die "mmdebstrap failed for $tar"
}

# import_image ROOTFS_TAR IMAGE INSTRUCTION...: the root file system as one layer named
# IMAGE, with the Dockerfile instructions given (ENV, ENTRYPOINT…); the tar is removed.
import_image() {
  local tar=$1 image=$2 instruction changes=()
  shift 2
  for instruction in "$@"; do changes+=(--change "$instruction"); done
  podman import --quiet "${changes[@]}" "$tar" "$image" >/dev/null || die "podman import of $image failed"
  rm -f "$tar"
}

if $force || ! podman image exists "$NODE_IMAGE"; then
  say "building $NODE_IMAGE (bookworm, node $node_version)"
  extra_ca=()
  if compgen -G '/usr/local/share/ca-certificates/*.crt' >/dev/null; then
    extra_ca=('ENV NODE_EXTRA_CA_CERTS=/usr/local/share/ca-certificates/machine.crt')
    say "the image trusts this machine's own CAs too (/usr/local/share/ca-certificates/*.crt)"
  fi
  bootstrap "$work/node.tar" --customize-hook="$here/stand-in-images.sh customize-node \"\$1\""
  import_image "$work/node.tar" "$NODE_IMAGE" \
    'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    "ENV NODE_VERSION=$node_version" "${extra_ca[@]}" \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["node"]'
else
  say "the engine has $NODE_IMAGE"
fi

if $force || ! podman image exists "$POSTGRES_IMAGE"; then
  say "building $POSTGRES_IMAGE (bookworm, Debian's postgresql)"
  # Debian's package would create a cluster of its own; the entrypoint makes the one used.
  bootstrap "$work/postgres.tar" --include=postgresql \
    --essential-hook='mkdir -p "$1/etc/postgresql-common" && echo "create_main_cluster = false" >"$1/etc/postgresql-common/createcluster.conf"' \
    --customize-hook="$here/stand-in-images.sh customize-postgres \"\$1\""
  bin=$(tar -xOf "$work/postgres.tar" ./usr/local/share/postgres-bin-dir)
  import_image "$work/postgres.tar" "$POSTGRES_IMAGE" \
    "ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:$bin" \
    'ENV PGDATA=/var/lib/postgresql/data' 'VOLUME /var/lib/postgresql/data' \
    'ENTRYPOINT ["docker-entrypoint.sh"]' 'CMD ["postgres"]' 'EXPOSE 5432' 'STOPSIGNAL SIGINT'
else
  say "the engine has $POSTGRES_IMAGE"
fi
