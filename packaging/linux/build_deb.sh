#!/usr/bin/env bash
# Package the PyInstaller bundle (dist/gigatracker/) as dist/gigatracker_VERSION_amd64.deb:
# the app under /opt/gigatracker, `gigatracker` on PATH, a .desktop entry, hicolor icons, and Depends on
# what a bare Debian lacks for a Qt window (GL, EGL, xkbcommon, xcb, fontconfig, fonts).
# Run from the repository root after `pyinstaller packaging/pyinstaller/gigatracker.spec`.
set -euo pipefail
cd "$(dirname "$0")/../.."
PYTHON=${PYTHON:-python3}
VERSION=$("$PYTHON" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
BUNDLE=dist/gigatracker
[ -x "$BUNDLE/gigatracker" ] || { echo "no bundle at $BUNDLE: run pyinstaller first" >&2; exit 1; }

ROOT=build/deb/gigatracker_${VERSION}_amd64
rm -rf "$ROOT"
mkdir -p "$ROOT/DEBIAN" "$ROOT/opt" "$ROOT/usr/bin" "$ROOT/usr/share/applications"
cp -a "$BUNDLE" "$ROOT/opt/gigatracker"
ln -s /opt/gigatracker/gigatracker "$ROOT/usr/bin/gigatracker"
install -m 644 packaging/linux/gigatracker.desktop "$ROOT/usr/share/applications/gigatracker.desktop"
"$PYTHON" tools/icons.py build/icons >/dev/null
for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "build/icons/gigatracker-$size.png" \
        "$ROOT/usr/share/icons/hicolor/${size}x${size}/apps/gigatracker.png"
done
install -D -m 644 resources/icons/gigatracker.svg "$ROOT/usr/share/icons/hicolor/scalable/apps/gigatracker.svg"

INSTALLED_KB=$(du -sk "$ROOT" | cut -f1)
cat > "$ROOT/DEBIAN/control" <<CONTROL
Package: gigatracker
Version: $VERSION
Architecture: amd64
Maintainer: GigaTracker contributors <maintainers@gigatracker.invalid>
Section: misc
Priority: optional
Installed-Size: $INSTALLED_KB
Depends: libc6 (>= 2.28), libegl1, libgl1, libopengl0, libxkbcommon0, libxkbcommon-x11-0, libfontconfig1, libfreetype6, libdbus-1-3, libglib2.0-0, libx11-xcb1, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, libxcb-shape0, libxcb-xkb1, libxcb-render-util0, libxcb-image0, libxcb-randr0, libxcb-xinerama0, libwayland-client0, libwayland-cursor0, libwayland-egl1, fonts-dejavu-core
Recommends: gnome-keyring
Homepage: https://github.com/gigatracker/gigatracker
Description: thesis portfolio tracker: exposure by theme, live quotes, client reports
 GigaTracker keeps a local portfolio (transactions, accounts, clients), tags positions
 with weighted investment themes, looks through ETFs, streams live quotes and shows
 exposure by theme, sector, country and currency, with rules checked live.
CONTROL
cat > "$ROOT/DEBIAN/postinst" <<'POSTINST'
#!/bin/sh
set -e
if command -v update-desktop-database >/dev/null 2>&1; then update-desktop-database -q /usr/share/applications || true; fi
if command -v gtk-update-icon-cache >/dev/null 2>&1; then gtk-update-icon-cache -q /usr/share/icons/hicolor || true; fi
POSTINST
chmod 755 "$ROOT/DEBIAN/postinst"
mkdir -p dist
dpkg-deb --build --root-owner-group "$ROOT" "dist/gigatracker_${VERSION}_amd64.deb" >/dev/null
echo "dist/gigatracker_${VERSION}_amd64.deb ($(du -h "dist/gigatracker_${VERSION}_amd64.deb" | cut -f1), ${INSTALLED_KB} KB installed)"
