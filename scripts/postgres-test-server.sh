#!/usr/bin/env bash
# Starts a throwaway PostgreSQL server for the tests that run on both engines, and prints its URL.
#
#     scripts/postgres-test-server.sh start [DIR] [PORT]   (default DIR .build/postgres-test, PORT 54329)
#     scripts/postgres-test-server.sh stop  [DIR]
#
# The cluster lives in DIR (created with initdb, C locale, UTF-8, trust authentication on 127.0.0.1 only) and
# listens on 127.0.0.1:PORT. Run the tests with the printed URL in SCICOLLAB_TEST_POSTGRES:
#
#     export SCICOLLAB_TEST_POSTGRES=$(scripts/postgres-test-server.sh start)
#     swift test
#
# Needs Debian's postgresql package (the server binaries under /usr/lib/postgresql/VERSION/bin). PostgreSQL
# refuses to run as root: as root, the cluster belongs to the `postgres` user.
set -euo pipefail
action=${1:-start}
dir=$(realpath -m "${2:-.build/postgres-test}")
port=${3:-54329}
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
[ -n "$bin" ] || { echo "no PostgreSQL server binaries under /usr/lib/postgresql (apt-get install postgresql)" >&2; exit 1; }
as_owner() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
# The server's user must reach DIR; a clone in a private home folder keeps its cluster under /tmp instead.
mkdir -p "$(dirname "$dir")"
if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$(dirname "$dir")" 2>/dev/null; then
  dir=/tmp/scicollab-postgres-$port
fi
case "$action" in
  start)
    if [ ! -f "$dir/PG_VERSION" ]; then
      mkdir -p "$dir"
      [ "$(id -u)" = 0 ] && chown postgres: "$dir"
      as_owner "$bin/initdb" -D "$dir" -U postgres --auth=trust --locale=C -E UTF8 >"$dir.initdb.log" 2>&1 \
        || { cat "$dir.initdb.log" >&2; exit 1; }
    fi
    if ! as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -o \
        "-c listen_addresses=127.0.0.1 -p $port -k '' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
        start >/dev/null
    fi
    echo "postgresql://postgres@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null
    ;;
  *) echo "usage: $0 start|stop [DIR] [PORT]" >&2; exit 64 ;;
esac
