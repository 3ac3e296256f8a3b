# shellcheck shell=bash
# Sourceable library: a throw-away Redis server for tests.
#
#   . scripts/lib/redis.sh
#   conduit_redis_start   # exports TEST_REDIS_URL (redis://127.0.0.1:PORT)
#   conduit_redis_stop    # kills it and deletes its temp dir; safe to call twice
#
# If TEST_REDIS_URL is already set (e.g. an external Redis), start and stop do
# nothing, so callers never touch a server they did not create.

_conduit_redis_say() { printf 'redis.sh: %s\n' "$*" >&2; }

# True if something on 127.0.0.1 already accepts connections or listens on $1.
_conduit_redis_port_busy() {
  if (: <>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; then return 0; fi
  command -v ss >/dev/null 2>&1 && [[ -n "$(ss -Hltn "sport = :$1" 2>/dev/null)" ]]
}

conduit_redis_start() {
  if [[ -n ${TEST_REDIS_URL:-} ]]; then
    return 0
  fi

  if ! command -v redis-server >/dev/null 2>&1; then
    if [[ $EUID -eq 0 && -f /etc/debian_version ]] && command -v apt-get >/dev/null 2>&1; then
      # Debian's package does not start a service in containers; we run our own.
      _conduit_redis_say "redis-server not found; installing the Debian 'redis-server' package"
      if ! { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null; }; then
        _conduit_redis_say "apt-get install redis-server failed"
        return 1
      fi
    else
      _conduit_redis_say "redis-server not found; install Redis or set TEST_REDIS_URL"
      return 1
    fi
  fi

  local tmp log pidfile
  tmp=$(mktemp -d /tmp/conduit-redis.XXXXXX) || return 1
  log=$tmp/redis.log
  pidfile=$tmp/redis.pid
  _CONDUIT_REDIS_TMP=$tmp

  # A parallel run can take the port between our check and the bind, and the
  # daemonized child reports that only in its log: on "in use", try the next.
  # Readiness means the server on the port reports *our* pid, not just PONG.
  local port=56379 pid="" ready="" i
  while ((port < 56479)); do
    if ! _conduit_redis_port_busy "$port"; then
      rm -f "$pidfile"
      : >"$log"
      # No persistence: data is throw-away and saving would only slow tests.
      if redis-server --port "$port" --bind 127.0.0.1 --daemonize yes \
          --save '' --appendonly no --dir "$tmp" --pidfile "$pidfile" \
          --logfile "$log" >"$tmp/launch.out" 2>&1; then
        for ((i = 0; i < 100; i++)); do
          pid=$(cat "$pidfile" 2>/dev/null || true)
          if [[ -n $pid ]] && redis-cli -h 127.0.0.1 -p "$port" info server 2>/dev/null \
              | tr -d '\r' | grep -qx "process_id:$pid"; then
            ready=1
            break
          fi
          if grep -qi 'in use' "$log" || { [[ -n $pid ]] && ! kill -0 "$pid" 2>/dev/null; }; then
            break
          fi
          sleep 0.1
        done
      fi
      [[ -n $ready ]] && break
      grep -qi 'in use' "$log" || break
    fi
    port=$((port + 1))
  done
  if [[ -z $ready ]]; then
    _conduit_redis_say "could not start redis-server; last lines of its output and $log:"
    tail -n 20 "$tmp/launch.out" "$log" >&2
    conduit_redis_stop
    return 1
  fi

  export TEST_REDIS_URL="redis://127.0.0.1:$port"
}

conduit_redis_stop() {
  # Only tear down what conduit_redis_start created in this shell.
  local tmp=${_CONDUIT_REDIS_TMP:-} pid i
  [[ -n $tmp ]] || return 0
  pid=$(cat "$tmp/redis.pid" 2>/dev/null || true)
  if [[ -n $pid ]] && kill "$pid" 2>/dev/null; then
    # Wait briefly so the port is free again when we return.
    for ((i = 0; i < 50; i++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -rf "$tmp"
  unset _CONDUIT_REDIS_TMP TEST_REDIS_URL
  return 0
}
