#!/usr/bin/env bash
# Install the built .deb on this machine, use it as a new user would, remove it. Needs root and xvfb-run.
#
#   sudo bash installers/linux/test_deb.sh [OUT_DIR]     (default OUT_DIR: build/deb-test)
#
# 1. dpkg -i dist/atmp-desktop_VERSION_ARCH.deb (its Depends must already be installed: apt-get install -f)
# 2. a new user (empty home, no XDG variables) starts the program the way the menu does — the Exec= line
#    of /usr/share/applications/atmp-desktop.desktop — under Xvfb (Qt's xcb plugin): the first start makes
#    the demo database in ~/.local/share/atmp-desktop/, signs in (ATMP_USER), paints Today and quits
# 3. the screenshot tour of that installed program, English and Swedish, into OUT_DIR
# 4. a plan on the command line from /usr/bin/atmp-desktop
# 5. nothing was written under /opt/atmp-desktop
# 6. dpkg -r and dpkg --purge: the program, its command and menu entry are gone, the database is kept
set -euo pipefail
cd "$(dirname "$0")/../.."
[ "$(id -u)" = 0 ] || { echo "test_deb: run as root (it installs a package)" >&2; exit 2; }
command -v xvfb-run >/dev/null || { echo "test_deb: needs xvfb-run (apt-get install xvfb xauth)" >&2; exit 2; }
deb=$(ls -t dist/atmp-desktop_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { echo "test_deb: no dist/atmp-desktop_*.deb; run bash installers/build.sh" >&2; exit 2; }
out=$(realpath -m "${1:-build/deb-test}")
rm -rf "$out" && mkdir -p "$out"

say() { echo "test_deb: $*"; }
dpkg --purge atmp-desktop >/dev/null 2>&1 || true
say "installing $deb"
dpkg -i "$deb" >/dev/null
dpkg-query -W -f='test_deb: installed ${Package} ${Version} (${Installed-Size} kB)\n' atmp-desktop
marker=$(mktemp) && sleep 1

home=$(mktemp -d /tmp/atmp-new-user.XXXXXX)
tilde="~"
run_as_new_user() {
  env -i HOME="$home" PATH=/usr/local/bin:/usr/bin:/bin LANG=C.UTF-8 "$@"
}
exec_line=$(sed -n 's/^Exec=//p' /usr/share/applications/atmp-desktop.desktop)
say "the menu entry runs: $exec_line"
start=$(date +%s.%N)
shown=$(run_as_new_user ATMP_USER=coordinator ATMP_PASSWORD=coordinator-demo ATMP_QUIT_AFTER_TODAY=1 \
        xvfb-run -a -s "-screen 0 1400x900x24" $exec_line)
echo "$shown" | grep -q '^today_shown ' || { echo "test_deb: Today was not shown: $shown" >&2; exit 1; }
say "first start (demo database made, signed in, Today painted): $(awk "BEGIN {printf \"%.2f\", $(date +%s.%N) - $start}") s; $shown"
db="$home/.local/share/atmp-desktop/atmp.db"
[ -f "$db" ] || { echo "test_deb: no database in the per-user folder" >&2; exit 1; }
say "database: ${db/#$home/$tilde} ($(du -k "$db" | cut -f1) kB)"

for lang in en sv; do
  run_as_new_user ATMP_USER=coordinator ATMP_PASSWORD=coordinator-demo ATMP_LANG=$lang ATMP_SCREENSHOT_DIR="$out" \
    xvfb-run -a -s "-screen 0 1400x900x24" $exec_line | sed 's/^/test_deb:   /'
done

plan=$(run_as_new_user atmp-desktop plan --product kymriah --indication b-all --apheresis 2026-12-01)
echo "$plan" | sed 's/^/test_deb:   /' | head -14
echo "$plan" | grep -q ' infusion' || { echo "test_deb: the plan has no infusion" >&2; exit 1; }
written=$(find /opt/atmp-desktop -newer "$marker" | head -5)
[ -z "$written" ] || { echo "test_deb: written under /opt/atmp-desktop: $written" >&2; exit 1; }
say "nothing written under /opt/atmp-desktop"

sum=$(sha256sum "$db" | cut -d' ' -f1)
dpkg -r atmp-desktop >/dev/null
dpkg --purge atmp-desktop >/dev/null
for gone in /opt/atmp-desktop /usr/bin/atmp-desktop /usr/share/applications/atmp-desktop.desktop; do
  [ ! -e "$gone" ] || { echo "test_deb: $gone is still there after removal" >&2; exit 1; }
done
[ "$(sha256sum "$db" | cut -d' ' -f1)" = "$sum" ] || { echo "test_deb: the database changed or went" >&2; exit 1; }
say "removed and purged: program, command and menu entry gone; ${db/#$home/$tilde} kept, unchanged"
say "screenshots in $out; the new user's home was $home"
rm -f "$marker"
