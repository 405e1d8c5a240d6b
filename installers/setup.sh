#!/usr/bin/env bash
# Set up ATMP Pathway Planner on a fresh machine: system libraries Qt needs
# (Debian/Ubuntu, when run as root), a virtual environment in .venv, and the
# application installed into it. With --test, also the test tools.
# Safe to run again: it only adds what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

want_test=0
[ "${1:-}" = "--test" ] && want_test=1

# Qt's xcb plugin and fonts (runtime), and the tools the tests use to read PDFs back.
apt_runtime="libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0 libegl1 libgl1 libfontconfig1 libdbus-1-3 libglib2.0-0 fonts-dejavu-core fontconfig"
apt_test="poppler-utils zbar-tools sqlite3 xvfb xauth postgresql dpkg-dev"

if command -v dpkg-query >/dev/null 2>&1; then
  pkgs="$apt_runtime"
  [ $want_test = 1 ] && pkgs="$pkgs $apt_test"
  missing=""
  for p in $pkgs; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
      echo "setup: installing system packages:$missing"
      apt-get update -qq >/dev/null
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
      echo "setup: these system packages are missing; install them with: sudo apt-get install$missing" >&2
    fi
  fi
fi

PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip >/dev/null
if [ $want_test = 1 ]; then
  .venv/bin/python -m pip install -q -e '.[test]'
else
  .venv/bin/python -m pip install -q -e .
fi
echo "setup: ready ($(.venv/bin/python -c 'import atmp_desktop; print("atmp-desktop", atmp_desktop.__version__)'))"
