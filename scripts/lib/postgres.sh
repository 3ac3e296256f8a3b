# shellcheck shell=bash
# Sourceable library: a throw-away PostgreSQL cluster for tests.
#
#   . scripts/lib/postgres.sh
#   conduit_pg_start   # exports TEST_DATABASE_URL, TEST_PG_SUPERUSER_URL,
#                      #         TEST_PG_BIN, TEST_PG_DATA, TEST_PG_PORT
#   conduit_pg_stop    # stops the cluster and deletes it; safe to call twice
#
# If TEST_DATABASE_URL is already set (e.g. an external database), start and
# stop do nothing, so callers never touch a database they did not create.

_conduit_pg_say() { printf 'postgres.sh: %s\n' "$*" >&2; }

# True if something on 127.0.0.1 already accepts connections or listens on $1.
_conduit_pg_port_busy() {
  if (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
  command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

# Server binaries run as the postgres OS user when we are root (initdb and
# postgres refuse to run as root); as an ordinary user they run as that user.
_conduit_pg_as_owner() {
  if [[ $EUID -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Prints the newest Debian-layout bin dir that has initdb (or initdb on PATH).
_conduit_pg_find_bin() {
  local found
  found=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n1)
  if [[ ! -x $found ]]; then
    found=$(command -v initdb) || return 1
  fi
  dirname "$found"
}

conduit_pg_start() {
  if [[ -n ${TEST_DATABASE_URL:-} ]]; then
    return 0
  fi

  local bin
  if ! bin=$(_conduit_pg_find_bin); then
    if [[ $EUID -eq 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; then
      _conduit_pg_say "PostgreSQL server not found; installing the Debian 'postgresql' package"
      if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; }; then
        _conduit_pg_say "apt-get install postgresql failed"
        return 1
      fi
      bin=$(_conduit_pg_find_bin) || { _conduit_pg_say "installed postgresql but found no initdb"; return 1; }
    else
      _conduit_pg_say "no PostgreSQL server binaries (/usr/lib/postgresql/*/bin/initdb); install PostgreSQL or set TEST_DATABASE_URL"
      return 1
    fi
  fi

  # /tmp rather than $TMPDIR: the postgres user must be able to reach it, and
  # the unix socket path (inside the data dir) must stay under ~100 bytes.
  local tmp data log
  tmp=$(mktemp -d /tmp/conduit-pg.XXXXXX) || return 1
  data=$tmp/data
  log=$tmp/postgres.log
  _CONDUIT_PG_TMP=$tmp
  _CONDUIT_PG_BIN=$bin
  # Pre-create the log so pg_ctl (running as postgres) can append to it.
  touch "$log"
  [[ $EUID -eq 0 ]] && chown postgres: "$tmp" "$log"
  chmod 700 "$tmp"

  # Random superuser password: only handed to tests via TEST_PG_SUPERUSER_URL.
  local supw
  supw=$(od -An -tx1 -N12 /dev/urandom | tr -d ' \n')
  printf '%s\n' "$supw" >"$tmp/pwfile"
  [[ $EUID -eq 0 ]] && chown postgres: "$tmp/pwfile"

  # Local (unix socket) trust lets us bootstrap roles; TCP requires passwords.
  if ! _conduit_pg_as_owner "$bin/initdb" -D "$data" -U postgres --pwfile="$tmp/pwfile" \
      -E UTF8 --no-locale --auth-local=trust --auth-host=scram-sha-256 --no-sync \
      >>"$log" 2>&1; then
    _conduit_pg_say "initdb failed; last lines of $log:"
    tail -n 20 "$log" >&2
    conduit_pg_stop
    return 1
  fi
  rm -f "$tmp/pwfile"

  # Durability off: the data is thrown away, so trade safety for test speed.
  cat >>"$data/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$data'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
# Tests drop their databases WITH (FORCE) as role conduit, and PostgreSQL 15 refuses to terminate
# an autovacuum worker for a non-superuser: a drop that met one failed the test. Tests that need
# statistics run VACUUM ANALYZE themselves.
autovacuum = off
EOF

  # Another process (e.g. a parallel test run) can grab the port between our
  # check and the bind, so on "address in use" just move on to the next port.
  local port=55432 started=""
  while ((port < 55532)); do
    if ! _conduit_pg_port_busy "$port"; then
      local mark
      mark=$(wc -l <"$log")
      if _conduit_pg_as_owner "$bin/pg_ctl" -D "$data" -l "$log" -w -t 60 \
          -o "-p $port" start >/dev/null 2>&1; then
        started=1
        break
      fi
      tail -n +"$((mark + 1))" "$log" | grep -q 'already in use' || break
    fi
    port=$((port + 1))
  done
  if [[ -z $started ]]; then
    _conduit_pg_say "could not start PostgreSQL; last lines of $log:"
    tail -n 20 "$log" >&2
    conduit_pg_stop
    return 1
  fi

  local i
  for ((i = 0; i < 60; i++)); do
    "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && break
    sleep 0.5
  done

  # CREATEDB lets tests make isolated throw-away databases as the app role.
  if ! "$bin/psql" -X -q -v ON_ERROR_STOP=1 -h "$data" -p "$port" -U postgres -d postgres \
      -c "CREATE ROLE conduit LOGIN CREATEDB PASSWORD 'conduit'" \
      -c "CREATE DATABASE conduit_test OWNER conduit" >>"$log" 2>&1; then
    _conduit_pg_say "could not create role/database; last lines of $log:"
    tail -n 20 "$log" >&2
    conduit_pg_stop
    return 1
  fi

  export TEST_PG_BIN=$bin TEST_PG_DATA=$data TEST_PG_PORT=$port
  export TEST_DATABASE_URL="jdbc:postgresql://127.0.0.1:$port/conduit_test?user=conduit&password=conduit"
  export TEST_PG_SUPERUSER_URL="jdbc:postgresql://127.0.0.1:$port/postgres?user=postgres&password=$supw"
}

conduit_pg_stop() {
  # Only tear down what conduit_pg_start created in this shell.
  local tmp=${_CONDUIT_PG_TMP:-}
  [[ -n $tmp ]] || return 0
  if [[ -f $tmp/data/postmaster.pid ]]; then
    _conduit_pg_as_owner "$_CONDUIT_PG_BIN/pg_ctl" -D "$tmp/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$tmp"
  unset _CONDUIT_PG_TMP _CONDUIT_PG_BIN
  unset TEST_DATABASE_URL TEST_PG_SUPERUSER_URL TEST_PG_BIN TEST_PG_DATA TEST_PG_PORT
  return 0
}
