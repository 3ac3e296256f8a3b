# shellcheck shell=bash
# Sourceable: turns a database URL into libpq environment variables, so that passwords never
# appear on a command line (ps shows those to every user on the host).
#
#   . scripts/lib/pgurl.sh
#   conduit_pgurl_export "$url"   # sets PGHOST PGPORT PGDATABASE PGUSER PGPASSWORD [PGSSLMODE]
#
# Accepts postgres://user:pass@host:port/db?sslmode=require (Heroku, most platforms),
# postgresql://..., and jdbc:postgresql://host:port/db?user=..&password=.. (this project's tests).

_conduit_urldecode() {
  local s=${1//+/ }
  printf '%b' "${s//%/\\x}"
}

conduit_pgurl_export() {
  local url=$1 re='^(jdbc:)?postgres(ql)?://(([^:@/]*)(:([^@/]*))?@)?([^:/?@]+)(:([0-9]+))?/([^?]+)(\?(.*))?$'
  if [[ ! $url =~ $re ]]; then
    echo "not a PostgreSQL URL (postgres://user:pass@host:port/db or jdbc:postgresql://...)" >&2
    return 1
  fi
  local user=${BASH_REMATCH[4]} pass=${BASH_REMATCH[6]} host=${BASH_REMATCH[7]}
  local port=${BASH_REMATCH[9]:-5432} db=${BASH_REMATCH[10]} query=${BASH_REMATCH[12]}
  local kv key val
  local -a pairs=()
  [[ -n $query ]] && IFS='&' read -r -a pairs <<<"$query"
  for kv in "${pairs[@]}"; do
    key=${kv%%=*}
    val=${kv#*=}
    case $key in
      user) user=$val ;;
      password) pass=$val ;;
      sslmode) export PGSSLMODE=$val ;;
    esac
  done
  export PGHOST=$host PGPORT=$port
  PGDATABASE=$(_conduit_urldecode "$db")
  PGUSER=$(_conduit_urldecode "$user")
  PGPASSWORD=$(_conduit_urldecode "$pass")
  export PGDATABASE PGUSER PGPASSWORD
}

# The directory holding pg_dump/pg_restore: $PG_BIN if set, else whatever is on PATH.
conduit_pg_tool() {
  local tool=$1
  if [[ -n ${PG_BIN:-} ]]; then
    printf '%s/%s\n' "$PG_BIN" "$tool"
  else
    command -v "$tool" || { echo "$tool not found: install the PostgreSQL client or set PG_BIN" >&2; return 1; }
  fi
}
