#!/usr/bin/env bash
# A private, throw-away PostgreSQL cluster for teiki's test suites: initdb into a temporary
# directory, start it on a free loopback port (its unix socket in that directory too),
# create a database, hand its URL to the suites as TEIKI_TEST_POSTGRES_URL, and stop and
# remove everything afterwards. Nothing outside the temporary directory is touched, except
# that Debian's `postgresql` is installed when no PostgreSQL is found and we run as root.
#
#   scripts/test-postgres.sh run -- CMD [ARG...]   start, run CMD with the URL exported,
#                                                  stop; exits with CMD's status
#   eval "$(scripts/test-postgres.sh start)"       start; prints `export` lines for
#                                                  TEIKI_TEST_POSTGRES_URL and _DIR
#   scripts/test-postgres.sh stop DIR              stop and remove a cluster `start` made
#
# The cluster trades durability for speed (fsync off); TEIKI_TEST_POSTGRES_FSYNC=on keeps
# fsync and full-page writes, for benchmarks (bench/stores.mjs).
#
# initdb refuses to run as root, so as root the cluster belongs to the `postgres` user.
set -euo pipefail

log() { echo "test-postgres: $*" >&2; }
die() {
  log "error: $*"
  exit 1
}

# initdb and pg_ctl: on PATH, else the newest Debian install (/usr/lib/postgresql/N/bin).
find_bin_dir() {
  local initdb
  initdb=$(command -v initdb 2>/dev/null || true)
  if [ -n "$initdb" ] && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$initdb")"
    return 0
  fi
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n | tail -n 1 || true)
  if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
    echo "$dir"
    return 0
  fi
  return 1
}

install_postgres() {
  [ "$(id -u)" = 0 ] || die "PostgreSQL (initdb, pg_ctl) is not installed; install Debian's 'postgresql' package (needs root)"
  log "installing Debian's postgresql"
  # The package would create and start a system-wide cluster; the tests want none of it.
  mkdir -p /etc/postgresql-common
  if [ ! -e /etc/postgresql-common/createcluster.conf ]; then
    echo 'create_main_cluster = false' >/etc/postgresql-common/createcluster.conf
  fi
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >&2
}

# A port nobody listens on now (the OS picks it); a race with another process taking it
# before PostgreSQL binds is caught by pg_ctl failing, and retried.
free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Runs a command as the cluster's owner: `postgres` when we are root, else ourselves.
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

start_cluster() {
  local bin
  bin=$(find_bin_dir) || {
    install_postgres
    bin=$(find_bin_dir) || die "PostgreSQL was installed but initdb/pg_ctl are still not found"
  }
  if [ "$(id -u)" = 0 ] && ! id postgres >/dev/null 2>&1; then
    die "running as root, but there is no 'postgres' user to own the cluster (initdb refuses root)"
  fi

  local dir password
  dir=$(mktemp -d "${TMPDIR:-/tmp}/teiki-pg.XXXXXX")
  password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_owner sh -c "umask 077 && printf '%s\n' '$password' >'$dir/pwfile'"

  log "initdb in $dir ($("$bin/initdb" --version))"
  # Local (socket) connections are trusted so this script can create the database; TCP
  # connections, which the suites use, need the password.
  if ! as_owner "$bin/initdb" -D "$dir/data" -U postgres --pwfile="$dir/pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-locale --no-sync \
    >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed"
  fi

  # Durability settings are off: the cluster lives only as long as the test run. Commits
  # never wait for the WAL to reach the disk (synchronous_commit off), the trade SQLite's
  # synchronous=NORMAL makes in teiki too.
  local durability="-c fsync=off -c full_page_writes=off"
  if [ "${TEIKI_TEST_POSTGRES_FSYNC:-off}" = on ]; then durability="-c fsync=on -c full_page_writes=on"; fi
  local port attempt
  for attempt in 1 2 3 4 5; do
    port=$(free_port)
    if as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -s start \
      -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=300 -c synchronous_commit=off $durability" \
      >&2; then
      break
    fi
    port=
    log "start on port $port failed (attempt $attempt); server log:"
    tail -n 5 "$dir/server.log" >&2 || true
  done
  if [ -z "$port" ]; then
    rm -rf "$dir"
    die "the cluster did not start"
  fi

  local psql="$bin/psql"
  [ -x "$psql" ] || psql=$(command -v psql) || die "psql not found"
  as_owner "$psql" -qAtX -h "$dir" -p "$port" -U postgres -d postgres \
    -c 'CREATE DATABASE teiki_test' >&2 ||
    {
      stop_cluster "$dir"
      die "could not create the test database"
    }
  echo "$bin" >"$dir/bin"
  log "PostgreSQL listening on 127.0.0.1:$port (database teiki_test, files in $dir)"
  echo "export TEIKI_TEST_POSTGRES_URL='postgres://postgres:$password@127.0.0.1:$port/teiki_test'"
  echo "export TEIKI_TEST_POSTGRES_DIR='$dir'"
}

stop_cluster() {
  local dir=$1
  [ -d "$dir/data" ] || die "$dir is not a cluster made by this script"
  local bin
  bin=$(cat "$dir/bin" 2>/dev/null || find_bin_dir || true)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    as_owner "$bin/pg_ctl" -D "$dir/data" -s -m immediate -w stop >&2 || true
  fi
  rm -rf "$dir"
}

case "${1:-}" in
  start)
    start_cluster
    ;;
  stop)
    [ $# -eq 2 ] || die "usage: $0 stop DIR"
    stop_cluster "$2"
    ;;
  run)
    shift
    [ "${1:-}" = -- ] && shift
    [ $# -gt 0 ] || die "usage: $0 run -- CMD [ARG...]"
    exports=$(start_cluster)
    eval "$exports"
    trap 'stop_cluster "$TEIKI_TEST_POSTGRES_DIR"' EXIT
    set +e
    "$@"
    status=$?
    set -e
    exit "$status"
    ;;
  *)
    die "usage: $0 run -- CMD [ARG...] | start | stop DIR"
    ;;
esac
