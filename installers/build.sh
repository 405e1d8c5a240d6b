#!/usr/bin/env bash
# Build the frozen application and, on Linux, its tarball and .deb.
#
#   bash installers/build.sh              # dist/atmp-desktop/, dist/atmp-desktop-VERSION-linux-ARCH.tar.gz,
#                                         # dist/atmp-desktop_VERSION_ARCH.deb
#   bash installers/build.sh --no-package # only dist/atmp-desktop/
#
# Uses .venv (made by installers/setup.sh if missing) with the build tools of
# the optional extra [build] (PyInstaller); the spec is installers/atmp-desktop.spec,
# the same one the Windows build uses (installers/windows/README.md).
# Prints the folder's size and the time the build took.
set -euo pipefail
cd "$(dirname "$0")/.."

package=1
for arg in "$@"; do
  case "$arg" in
    --no-package) package=0 ;;
    -h|--help) sed -n 2,11p "$0"; exit 0 ;;
    *) echo "build: unknown option $arg (see --help)" >&2; exit 2 ;;
  esac
done

start=$(date +%s)
[ -x .venv/bin/python ] || bash installers/setup.sh
if ! .venv/bin/python -c "import PyInstaller" 2>/dev/null; then
  echo "build: installing the build tools (.[build])"
  .venv/bin/python -m pip install -q -e '.[build]'
fi

version=$(.venv/bin/python -c 'import atmp_desktop; print(atmp_desktop.__version__)')
rm -rf dist/atmp-desktop
.venv/bin/python -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath dist --workpath build/pyinstaller installers/atmp-desktop.spec
froze=$(date +%s)

# The frozen program must start: its version, and a plan on the command line (no database needed).
got=$(dist/atmp-desktop/atmp-desktop --version)
[ "$got" = "atmp-desktop $version" ] || { echo "build: the frozen program says '$got', not 'atmp-desktop $version'" >&2; exit 1; }
dist/atmp-desktop/atmp-desktop plan --product kymriah --indication b-all --apheresis 2026-12-01 --json >/dev/null

size=$(du -sm dist/atmp-desktop | cut -f1)
echo "build: dist/atmp-desktop/ ($size MB, $(find dist/atmp-desktop -type f | wc -l) files) in $((froze - start)) s"

if [ $package = 1 ] && [ "$(uname -s)" = Linux ]; then
  arch=$(dpkg --print-architecture 2>/dev/null || uname -m)
  tarball="dist/atmp-desktop-$version-linux-$arch.tar.gz"
  tar -C dist -czf "$tarball" atmp-desktop
  echo "build: $tarball ($(du -sm "$tarball" | cut -f1) MB)"
  if command -v dpkg-deb >/dev/null 2>&1; then
    bash installers/linux/make_deb.sh "$version" "$arch"
  else
    echo "build: dpkg-deb not found; no .deb made" >&2
  fi
  echo "build: done in $(( $(date +%s) - start )) s"
fi
