#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the store tests, from Debian's postgresql package.
#
#   eval "$(bash tests/pg_server.sh start)"   # prints: export SOPDOC_TEST_PG=postgresql://…; export SOPDOC_TEST_PG_DIR=…
#   bash tests/pg_server.sh stop "$SOPDOC_TEST_PG_DIR"
#
# The cluster lives in a new temporary directory, listens on 127.0.0.1 only, on a free port, with
# a random password for the superuser "sopdoc" (scram-sha-256), and durability switched off (it is
# thrown away) unless SOPDOC_PG_DURABLE=1 (bench/store_backends.py: fsync on, as in production). Run as root, the server runs as the "postgres" user the package creates. Needs
# `apt-get install -y postgresql` (initdb and pg_ctl under /usr/lib/postgresql/<version>/bin).
set -euo pipefail

bindir() {
    local d
    d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
        echo "pg_server.sh: PostgreSQL is not installed (apt-get install -y postgresql)" >&2
        exit 2
    fi
    echo "$d"
}

as_owner() {  # run a server binary as the cluster's owner
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local bin dir port password
    bin=$(bindir)
    dir=$(mktemp -d /tmp/sopdoc-pg.XXXXXX)
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    printf '%s\n' "$password" > "$dir/pw"
    if [ "$(id -u)" = 0 ]; then chown -R postgres "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U sopdoc --pwfile="$dir/pw" --auth-local=scram-sha-256 \
        --auth-host=scram-sha-256 -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
        || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pw"
    local options="-p $port -k $dir -c listen_addresses=127.0.0.1 -c max_connections=200"
    if [ "${SOPDOC_PG_DURABLE:-0}" != 1 ]; then
        options="$options -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
    fi
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "$options" start >/dev/null \
        || { cat "$dir/server.log" >&2; exit 1; }
    echo "export SOPDOC_TEST_PG=postgresql://sopdoc:$password@127.0.0.1:$port/postgres"
    echo "export SOPDOC_TEST_PG_DIR=$dir"
}

stop() {
    local dir=${1:-}
    if [ -z "$dir" ] || [ ! -d "$dir/data" ]; then
        echo "pg_server.sh stop: no cluster in '${dir}'" >&2
        exit 2
    fi
    as_owner "$(bindir)/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null || true
    rm -rf "$dir"
}

case "${1:-}" in
    start) start ;;
    stop) stop "${2:-}" ;;
    *) echo "usage: $0 start | stop DIR" >&2; exit 2 ;;
esac
