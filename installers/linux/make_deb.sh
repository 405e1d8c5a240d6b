#!/usr/bin/env bash
# Package the frozen folder dist/atmp-desktop/ as a Debian package (called by installers/build.sh).
#
#   bash installers/linux/make_deb.sh VERSION ARCH    -> dist/atmp-desktop_VERSION_ARCH.deb
#
# Installs:  /opt/atmp-desktop/                        the frozen application (read-only; no user data)
#            /usr/bin/atmp-desktop -> /opt/atmp-desktop/atmp-desktop
#            /usr/share/applications/atmp-desktop.desktop
#            /usr/share/icons/hicolor/{scalable,NxN}/apps/atmp-desktop.{svg,png}
#            /usr/share/doc/atmp-desktop/copyright
# Depends:   worked out by dpkg-shlibdeps from every program and library in the
#            folder (the system libraries Qt's xcb plugin, fontconfig, GL, D-Bus,
#            CUPS… link to), plus the fonts and fontconfig the window needs.
# Each user's database, settings, backups and logs stay in their own folders
# (~/.local/share/atmp-desktop, ~/.config/atmp-desktop, ~/.local/state/atmp-desktop):
# removing or purging the package never touches them.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=${1:?version}
arch=${2:?architecture}
frozen=dist/atmp-desktop
[ -x "$frozen/atmp-desktop" ] || { echo "make_deb: $frozen/atmp-desktop is missing; run installers/build.sh" >&2; exit 1; }

stage=build/deb/atmp-desktop_${version}_${arch}
rm -rf "$stage"
mkdir -p "$stage/DEBIAN" "$stage/opt" "$stage/usr/bin" "$stage/usr/share/applications" \
         "$stage/usr/share/doc/atmp-desktop" "$stage/usr/share/icons/hicolor/scalable/apps"
cp -a "$frozen" "$stage/opt/atmp-desktop"
ln -s /opt/atmp-desktop/atmp-desktop "$stage/usr/bin/atmp-desktop"
grep -v '^#' installers/atmp-desktop.desktop > "$stage/usr/share/applications/atmp-desktop.desktop"
cp resources/icons/atmp-desktop.svg "$stage/usr/share/icons/hicolor/scalable/apps/"
icons=build/deb/icons
.venv/bin/python installers/make_icons.py "$icons"
for size in 16 24 32 48 64 128 256; do
  mkdir -p "$stage/usr/share/icons/hicolor/${size}x${size}/apps"
  cp "$icons/atmp-desktop-$size.png" "$stage/usr/share/icons/hicolor/${size}x${size}/apps/atmp-desktop.png"
done
cat > "$stage/usr/share/doc/atmp-desktop/copyright" <<'EOF'
ATMP Pathway Planner (atmp-desktop). Planning support only: a pharmacist must
confirm each product value against the current SmPC before clinical use.

The application bundles Python, Qt (PySide6, LGPL-3.0) and Python libraries;
each one's licence is shown in Help > About and its licence files are in
/opt/atmp-desktop/_internal/*.dist-info/. The PDF fonts are DejaVu Sans
(/opt/atmp-desktop/_internal/resources/fonts/LICENSE-DejaVu.txt).
EOF

# --- Depends: what the bundle's ELF files link to outside the bundle -------------------------
work=build/deb/shlibdeps
rm -rf "$work" && mkdir -p "$work/debian"
printf 'Source: atmp-desktop\n\nPackage: atmp-desktop\nArchitecture: any\n' > "$work/debian/control"
inside=$(realpath "$stage/opt/atmp-desktop/_internal")
mapfile -t elves < <(find "$(realpath "$stage/opt/atmp-desktop")" -type f \( -name '*.so' -o -name '*.so.*' -o -name atmp-desktop \) \
                      -exec sh -c 'head -c4 "$1" | grep -q ELF && echo "$1"' _ {} \;)
libdirs=$(find "$inside" -type f -name '*.so*' -printf '-l%h\n' | sort -u | tr '\n' ' ')
# shellcheck disable=SC2086 - one -l option per folder
shlibs=$(cd "$work" && dpkg-shlibdeps -O --ignore-missing-info $libdirs "${elves[@]}" 2>/dev/null \
         | sed -n 's/^shlibs:Depends=//p')
[ -n "$shlibs" ] || { echo "make_deb: dpkg-shlibdeps found no dependencies" >&2; exit 1; }
depends="$shlibs, fontconfig, fonts-dejavu-core"
# Every package installers/setup.sh installs for Qt's xcb plugin must be among them.
runtime=$(sed -n 's/^apt_runtime="\(.*\)"$/\1/p' installers/setup.sh)
for p in $runtime; do
  case ", $depends," in *", $p,"*|*", $p ("*) ;; *) echo "make_deb: note: $p (setup.sh apt_runtime) is not linked by the bundle" >&2 ;; esac
done

installed_kb=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
cat > "$stage/DEBIAN/control" <<EOF
Package: atmp-desktop
Version: $version
Architecture: $arch
Maintainer: ATMP Pathway Planner maintainers <atmp-desktop@localhost>
Installed-Size: $installed_kb
Depends: $depends
Section: science
Priority: optional
Description: ATMP Pathway Planner: plan and check CAR-T treatment pathways
 Desktop application for hospital ATMP centres: plan each patient's pathway
 (apheresis, manufacturing, product receipt, lymphodepletion, infusion,
 monitoring) and check it against the product's timing rules, the site's
 working days and Swedish holidays. Self-contained (Python and Qt inside
 /opt/atmp-desktop). Each user's database lives in their own data folder
 and is kept when the package is removed. Planning support only.
EOF
cat > "$stage/DEBIAN/postinst" <<'EOF'
#!/bin/sh
set -e
if [ "$1" = configure ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
EOF
cat > "$stage/DEBIAN/postrm" <<'EOF'
#!/bin/sh
# Users' databases, settings and backups are in their home folders: never removed here, not even on purge.
set -e
if [ "$1" = remove ] || [ "$1" = purge ]; then
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q /usr/share/applications || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t -f /usr/share/icons/hicolor || true
fi
exit 0
EOF
chmod 0755 "$stage/DEBIAN/postinst" "$stage/DEBIAN/postrm"

deb="dist/atmp-desktop_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >/dev/null
echo "make_deb: $deb ($(du -sm "$deb" | cut -f1) MB; installs $((installed_kb / 1024)) MB)"
echo "make_deb: Depends: $depends"
