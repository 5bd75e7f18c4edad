# Sourced by test-all.sh: unless PGPORT names a running server, start a throwaway PostgreSQL
# cluster on a free port for the cloud's tests and stop it on exit. initdb refuses root, so the
# cluster runs as the 'postgres' user there. Tests read PGHOST/PGPORT/PGUSER and make a database each.
if [ -z "${PGPORT:-}" ]; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -n "$PGBIN" ]; then
    PGPORT=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
    TALEMO_PGDATA=$(mktemp -d /tmp/talemo-pg.XXXXXX)
    pg_as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$TALEMO_PGDATA"
    if pg_as_owner "$PGBIN/initdb" -D "$TALEMO_PGDATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null &&
      pg_as_owner "$PGBIN/pg_ctl" -D "$TALEMO_PGDATA" -l "$TALEMO_PGDATA/server.log" -w \
        -o "-p $PGPORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200" start >/dev/null; then
      export PGHOST=127.0.0.1 PGUSER=postgres PGPORT
      trap 'pg_as_owner "$PGBIN/pg_ctl" -D "$TALEMO_PGDATA" -m fast stop >/dev/null 2>&1; rm -rf "$TALEMO_PGDATA"' EXIT
      echo "== PostgreSQL $("$PGBIN/postgres" --version | awk "{print \$3}") on port $PGPORT for the cloud's tests"
    else
      echo "== could not start PostgreSQL: the cloud's server tests will not run" >&2
      unset PGPORT
    fi
  else
    echo "== PostgreSQL is not installed (apt-get install postgresql): the cloud's server tests will not run" >&2
  fi
fi
