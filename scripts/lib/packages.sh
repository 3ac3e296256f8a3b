# shellcheck shell=bash
# Sourceable: install Debian packages the tests need, only when missing.
#
#   conduit_ensure_packages CMD:PACKAGE [CMD:PACKAGE ...]
#
# A package is installed when its command is found neither on the PATH nor in /usr/sbin. Package
# services (nginx on port 80, prometheus) are kept from starting: tests start their own servers on
# loopback. Needs apt-get and root, or passwordless sudo (GitHub's runners); otherwise prints what
# is missing and returns 1.
conduit_ensure_packages() {
  local want=() pair cmd pkg
  for pair in "$@"; do
    cmd=${pair%%:*} pkg=${pair#*:}
    command -v "$cmd" >/dev/null 2>&1 || [[ -x /usr/sbin/$cmd ]] || want+=("$pkg")
  done
  ((${#want[@]})) || return 0
  local root=()
  if [[ $EUID -ne 0 ]] && command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    root=(sudo -n)
  fi
  if { [[ $EUID -ne 0 ]] && ((${#root[@]} == 0)); } || ! command -v apt-get >/dev/null 2>&1; then
    printf 'packages.sh: missing %s; install them (Debian/Ubuntu package names)\n' "${want[*]}" >&2
    return 1
  fi
  printf 'packages.sh: installing %s\n' "${want[*]}" >&2
  "${root[@]}" apt-get update -qq
  local policy=""
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    "${root[@]}" sh -c 'printf "#!/bin/sh\nexit 101\n" >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d' && policy=1
  fi
  local rc=0
  "${root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null || rc=$?
  [[ -z $policy ]] || "${root[@]}" rm -f /usr/sbin/policy-rc.d
  return "$rc"
}
