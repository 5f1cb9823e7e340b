#!/usr/bin/env bash
# Debian packages the project needs beyond Python, by what you are about to do:
#   scripts/system-deps.sh run      Node.js with npm (the web widget); the DejaVu fonts the
#                                   doctor's summary PDF is drawn with (web/pdf.py; any script,
#                                   not only Latin-1) if they can be installed: without them
#                                   the PDF falls back to a Latin-1 font. No service, no root
#                                   needed when npm is there.
#   scripts/system-deps.sh cluster  nginx, Redis and PostgreSQL (`make cluster`).
#   scripts/system-deps.sh test     all of the above, and chromium (the browser tests): what
#                                   `make test` needs (the default).
# Installs only what is missing; a no-op on a machine that has them all. Only packages are
# installed: no service is started or enabled.
set -euo pipefail

purpose="${1:-test}"
missing=()   # needed: an error when they cannot be installed
optional=()  # installed when we can, else a note
have() { command -v "$1" >/dev/null 2>&1; }
need_npm() { have npm || missing+=(nodejs npm); }
need_services() {
  have nginx || [ -x /usr/sbin/nginx ] || missing+=(nginx)
  have redis-server || missing+=(redis-server)
  compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
}
has_fonts() { [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf ]; }

case "$purpose" in
  run)
    need_npm
    has_fonts || optional+=(fonts-dejavu-core)
    ;;
  cluster)
    need_services
    ;;
  test)
    [ -x /usr/bin/chromium ] || missing+=(chromium)
    need_services
    need_npm
    has_fonts || missing+=(fonts-dejavu-core)
    ;;
  *)
    echo "usage: $0 run|cluster|test" >&2
    exit 2
    ;;
esac
[ $((${#missing[@]} + ${#optional[@]})) -eq 0 ] && exit 0

can_install() { [ "$(id -u)" -eq 0 ] || { have sudo && sudo -n true 2>/dev/null; }; }
if [ ${#missing[@]} -eq 0 ] && ! can_install; then
  echo "setup: note: without root, not installing ${optional[*]} (optional for $purpose);" \
    "install with: sudo apt-get install -y ${optional[*]}" >&2
  exit 0
fi
missing+=("${optional[@]}")

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
