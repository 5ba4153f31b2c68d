#!/usr/bin/env bash
# The README's test command (`npm test`) runs the suites through this script:
#
#   scripts/test-env.sh COMMAND [ARGS...]      e.g. scripts/test-env.sh vitest run
#
# It provides what the suites need and a package registry has, on a fresh machine too:
# Debian packages (Chromium, Podman with runc, curl, the AWS CLI) installed with apt-get
# when it runs as root; a Docker Engine API (the one DOCKER_HOST names when it answers,
# else Podman's API service on a private socket it starts); the suites' busybox image,
# built offline when the engine lacks it; a PostgreSQL server for the store suites (the
# one TEIKI_TEST_POSTGRES_URL names, else one private cluster for the run). It runs
# COMMAND with DOCKER_HOST, TEIKI_TEST_IMAGE, TEIKI_TEST_POSTGRES_URL and
# TEIKI_REQUIRE_ENGINE exported (so no docker suite can skip), then stops what it started.
# What it cannot provide fails here, loudly, before any suite runs: Terraform and its AWS
# provider mirror are in no package registry, and must be on the machine already.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/podman-limits.sh

say() { echo "test-env: $*" >&2; }
die() {
  echo "test-env: error: $*" >&2
  exit 1
}

if [ $# -eq 0 ]; then die "usage: scripts/test-env.sh COMMAND [ARGS...]"; fi

# --- Debian packages -------------------------------------------------------------------
# command → package. The AWS CLI is installed only when there is none: a newer one (pip's
# v1, AWS's v2 installer) may be on PATH already.
declare -A PACKAGE_OF=([chromium]=chromium [podman]=podman [runc]=runc [curl]=curl [aws]=awscli)
missing=()
for command in chromium podman runc curl aws; do
  command -v "$command" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$command]}")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing Debian packages: ${missing[*]}. Install them (apt-get install ${missing[*]}), or run the tests as root on Debian so this script can."
  fi
  say "installing ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
for command in chromium podman runc curl aws; do
  command -v "$command" >/dev/null 2>&1 || die "$command is still missing after installing ${PACKAGE_OF[$command]}"
done

# The README's walkthrough sends the CLI to teiki with AWS_ENDPOINT_URL, which the AWS CLI
# reads from v1.29 and v2.13 on (Debian 12's awscli is 2.9).
aws_version=$({ aws --version 2>&1 || true; } | sed -n 's|^aws-cli/\([0-9][0-9.]*\).*|\1|p')
IFS=. read -r aws_major aws_minor _ <<<"${aws_version:-0.0.0}"
aws_reads_endpoint_url() {
  case "$aws_major" in
  1) [ "$aws_minor" -ge 29 ] ;;
  2) [ "$aws_minor" -ge 13 ] ;;
  0) false ;;
  *) true ;;
  esac
}
if ! aws_reads_endpoint_url; then
  die "the AWS CLI on PATH ($(command -v aws), ${aws_version:-unknown version}) does not read AWS_ENDPOINT_URL, which the README's walkthrough uses: put v1 from 1.29 (pip install awscli) or v2 from 2.13 first on PATH."
fi
say "$(aws --version 2>&1 | head -n 1)"
say "$(chromium --version 2>/dev/null | head -n 1)"

# --- Terraform and its provider mirror (no package registry has them) -----------------
command -v terraform >/dev/null 2>&1 ||
  die "terraform is required by the Terraform suites and is in no package registry: install it and an offline AWS provider mirror (README, 'The same with Terraform')."
provider=$(find / -xdev -name 'terraform-provider-aws*' -type f 2>/dev/null | head -n 1 || true)
[ -n "$provider" ] ||
  die "no Terraform AWS provider mirror (terraform-provider-aws*) on this machine: the Terraform suites need one."
say "terraform $(terraform version 2>/dev/null | head -n 1 | sed 's/^Terraform //'), provider $provider"

# --- cleanup ---------------------------------------------------------------------------
engine_pid=
engine_dir=
postgres_dir=
cleanup() {
  if [ -n "$engine_pid" ]; then
    kill "$engine_pid" 2>/dev/null || true
    wait "$engine_pid" 2>/dev/null || true
  fi
  if [ -n "$engine_dir" ]; then rm -rf "$engine_dir"; fi
  if [ -n "$postgres_dir" ]; then scripts/test-postgres.sh stop "$postgres_dir" || true; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- the container engine ----------------------------------------------------------------
# GET /_ping on DOCKER_HOST (unix:///path or tcp://host:port).
engine_curl() {
  local path=$1
  shift
  case "$DOCKER_HOST" in
  unix://*) curl -sf --max-time 5 --unix-socket "${DOCKER_HOST#unix://}" "$@" "http://engine$path" ;;
  tcp://*) curl -sf --max-time 5 "$@" "http://${DOCKER_HOST#tcp://}$path" ;;
  *) return 1 ;;
  esac
}

if [ -n "${DOCKER_HOST:-}" ] && engine_curl /_ping >/dev/null 2>&1; then
  say "using the engine at DOCKER_HOST=$DOCKER_HOST"
else
  if [ -n "${DOCKER_HOST:-}" ]; then say "DOCKER_HOST=$DOCKER_HOST does not answer; starting an engine of its own"; fi
  engine_dir=$(mktemp -d /tmp/teiki-test-engine.XXXXXX)
  # The containers' default ulimits are what this machine allows (scripts/podman-limits.sh).
  podman_limits_conf "$engine_dir"
  # runc, not crun: the suites and Fargate's messages are runc's. The service runs in its
  # own directory because conmon drops an "oom" file in its working directory.
  (cd "$engine_dir" && exec podman --runtime runc system service --time=0 \
    "unix://$engine_dir/podman.sock" >"$engine_dir/service.log" 2>&1) &
  engine_pid=$!
  export DOCKER_HOST="unix://$engine_dir/podman.sock"
  for _ in $(seq 1 150); do
    if engine_curl /_ping >/dev/null 2>&1; then break; fi
    if ! kill -0 "$engine_pid" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if ! engine_curl /_ping >/dev/null 2>&1; then
    cat "$engine_dir/service.log" >&2 || true
    die "Podman's API service did not answer on $DOCKER_HOST"
  fi
  say "started Podman's API service at DOCKER_HOST=$DOCKER_HOST (nofile=$nofile nproc=$nproc)"
fi

# --- the suites' image -----------------------------------------------------------------
# Debian's static busybox as /bin/busybox with a link per applet (sh, echo, sleep, cat,
# tail…), imported through the Engine API (Docker or Podman alike) as one layer.
export TEIKI_TEST_IMAGE=${TEIKI_TEST_IMAGE:-localhost/teiki-busybox:test}
build_test_image() {
  local dir applet query
  dir=$(mktemp -d /tmp/teiki-test-image.XXXXXX)
  (cd "$dir" && { apt-get download -qq busybox-static 2>/dev/null ||
    { [ "$(id -u)" = 0 ] && apt-get update -qq && apt-get download -qq busybox-static; }; }) ||
    die "cannot download Debian's busybox-static for the test image"
  dpkg-deb -x "$dir"/busybox-static_*.deb "$dir/pkg"
  mkdir -p "$dir/root/bin" "$dir/root/etc" "$dir/root/tmp" "$dir/root/root"
  chmod 1777 "$dir/root/tmp"
  cp "$dir/pkg/bin/busybox" "$dir/root/bin/busybox"
  for applet in $("$dir/root/bin/busybox" --list); do
    if [ "$applet" != busybox ]; then ln -s busybox "$dir/root/bin/$applet"; fi
  done
  printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$dir/root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\n' >"$dir/root/etc/group"
  tar -C "$dir/root" -cf "$dir/rootfs.tar" .
  # POST /images/create?fromSrc=- (docker import): the body is the layer, the query names
  # the image (repo with its tag: Podman ignores a separate "tag") and the Dockerfile
  # instructions it gets.
  query=$(node -e '
    const [image, ...changes] = process.argv.slice(1);
    const params = new URLSearchParams({ fromSrc: "-", repo: image });
    for (const change of changes) params.append("changes", change);
    console.log(params.toString());
  ' "$TEIKI_TEST_IMAGE" 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' 'CMD ["sh"]')
  engine_curl "/images/create?$query" -X POST -H 'Content-Type: application/x-tar' \
    --data-binary "@$dir/rootfs.tar" --max-time 120 >/dev/null ||
    die "the engine at $DOCKER_HOST refused to import $TEIKI_TEST_IMAGE"
  rm -rf "$dir"
}
if engine_curl "/images/$TEIKI_TEST_IMAGE/json" >/dev/null 2>&1; then
  say "the engine has $TEIKI_TEST_IMAGE"
else
  say "building $TEIKI_TEST_IMAGE"
  build_test_image
  engine_curl "/images/$TEIKI_TEST_IMAGE/json" >/dev/null ||
    die "$TEIKI_TEST_IMAGE is not in the engine after the import"
fi

# One container end to end on an engine of this run's own, so a broken engine fails here
# with its own words rather than in every docker suite.
if [ -n "$engine_pid" ]; then
  podman --runtime runc run --rm --network none "$TEIKI_TEST_IMAGE" \
    sh -c 'echo "test-env: engine ok, nofile $(ulimit -n)"' >&2 ||
    die "a container could not run on the engine at $DOCKER_HOST (see above)"
fi

# --- PostgreSQL ------------------------------------------------------------------------
# The store suites run on PostgreSQL too: the server TEIKI_TEST_POSTGRES_URL names when
# it is set, else one private cluster for the whole run (scripts/test-postgres.sh: initdb
# in a temporary directory, as the postgres user when root; Debian's postgresql installed
# when missing and root), stopped and removed in cleanup().
if [ -n "${TEIKI_TEST_POSTGRES_URL:-}" ]; then
  say "using the PostgreSQL at TEIKI_TEST_POSTGRES_URL"
else
  postgres_exports=$(scripts/test-postgres.sh start) ||
    die "could not start a PostgreSQL cluster for the store suites (see above)"
  eval "$postgres_exports"
  postgres_dir=$TEIKI_TEST_POSTGRES_DIR
  export TEIKI_TEST_POSTGRES_URL
fi

# --- the suites --------------------------------------------------------------------------
export TEIKI_REQUIRE_ENGINE=1
say "running: $*"
status=0
"$@" || status=$?
exit "$status"
