#!/usr/bin/env bash
# Debian packages the project needs beyond Python: chromium (browser tests), nginx, Redis
# and PostgreSQL (`make cluster` and its tests), Node.js with npm (the web widget).
# Installs only what is missing; a no-op on a machine that has them all.
set -euo pipefail

missing=()
have() { command -v "$1" >/dev/null 2>&1; }
[ -x /usr/bin/chromium ] || missing+=(chromium)
have nginx || [ -x /usr/sbin/nginx ] || missing+=(nginx)
have redis-server || missing+=(redis-server)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
have npm || missing+=(nodejs npm)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  SUDO=()
elif have sudo && sudo -n true 2>/dev/null; then
  SUDO=(sudo -n)
else
  echo "error: these Debian packages are missing and I cannot install them without root: ${missing[*]}" >&2
  echo "Install them with:  sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi

echo "setup: installing Debian packages: ${missing[*]}"
# Keep the packages' services from starting on install: tests and `make cluster` start
# their own servers on free loopback ports.
policy=/usr/sbin/policy-rc.d
made_policy=0
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' | "${SUDO[@]}" tee "$policy" >/dev/null
  "${SUDO[@]}" chmod +x "$policy"
  made_policy=1
fi
cleanup() { if [ "$made_policy" = 1 ]; then "${SUDO[@]}" rm -f "$policy"; fi; }
trap cleanup EXIT

export DEBIAN_FRONTEND=noninteractive
apt_install() { "${SUDO[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}" >/tmp/twitch-apt.log 2>&1; }
if ! apt_install; then
  "${SUDO[@]}" apt-get update -q >/tmp/twitch-apt-update.log 2>&1 || true
  if ! apt_install; then
    echo "error: apt-get could not install ${missing[*]}; its log: /tmp/twitch-apt.log" >&2
    tail -20 /tmp/twitch-apt.log >&2
    exit 1
  fi
fi
echo "setup: Debian packages installed"
