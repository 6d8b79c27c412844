#!/usr/bin/env bash
# Smoke test of the Linux installer, as a user on a bare Debian meets it:
#   1. build the PyInstaller bundle in a fresh venv (pip install . pyinstaller), and the .deb;
#   2. make a clean Debian root (debootstrap --variant=minbase bookworm, packages from Debian's registry);
#   3. install the .deb there with apt (which pulls its Depends), run `gigatracker --self-test` inside;
#   4. check the screenshot it wrote.
# Needs root (debootstrap, chroot) and network to PyPI and deb.debian.org. The root is made afresh each
# run (SMOKE_REUSE_ROOT=1 keeps the last one, .deb already installed, to iterate faster). `--light` skips 2-3 and runs the
# frozen self-test on this machine instead (what CI runs). Prints the self-test's report and the figures.
set -euo pipefail
cd "$(dirname "$0")/.."
LIGHT=0
[ "${1:-}" = "--light" ] && LIGHT=1
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BUILD=build/smoke
mkdir -p "$BUILD"

echo "== 1. bundle and .deb =="
python3 -m venv "$BUILD/venv"
rm -rf build/lib  # setuptools' staging folder: files left there from older trees would end up in the wheel
"$BUILD/venv/bin/pip" install -q . pyinstaller
started=$(date +%s)
"$BUILD/venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath dist --workpath "$BUILD/pyinstaller" \
    packaging/pyinstaller/gigatracker.spec
echo "bundle: $(du -sh dist/gigatracker | cut -f1) unpacked, built in $(( $(date +%s) - started )) s"
PYTHON="$BUILD/venv/bin/python" packaging/linux/build_deb.sh
DEB=$(ls -t dist/gigatracker_*_amd64.deb | head -1)

check_png() {
    "$BUILD/venv/bin/python" - "$1" <<'PY'
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication, QImage
app = QGuiApplication([])
image = QImage(sys.argv[1])
colours = {image.pixel(x, y) for x in range(0, image.width(), 5) for y in range(0, image.height(), 5)}
print(f"screenshot {sys.argv[1]}: {image.width()}x{image.height()}, {len(colours)} colours sampled")
sys.exit(0 if image.width() >= 800 and len(colours) >= 8 else 1)
PY
}

if [ "$LIGHT" = 1 ]; then
    echo "== 2. frozen self-test on this machine (light) =="
    dpkg-deb --info "$DEB" | sed -n '/Package:/,/Depends:/p'
    dpkg-deb --contents "$DEB" | grep -E 'usr/bin/gigatracker|applications/gigatracker.desktop|hicolor/256x256' 
    started=$(date +%s%N)
    QT_QPA_PLATFORM=offscreen HOME="$BUILD/home" dist/gigatracker/gigatracker --self-test --screenshot "$BUILD/self-test.png"
    echo "frozen self-test: $(( ($(date +%s%N) - started) / 1000000 )) ms from launch to exit (the verdict line says when it was known)"
    check_png "$BUILD/self-test.png"
    echo "== 3. the frozen command line: the demo book's performance (numpy, pandas, pyxirr bundled) =="
    rm -f "$BUILD"/frozen-demo.gtbook*
    HOME="$BUILD/home" dist/gigatracker/gigatracker demo --book "$BUILD/frozen-demo.gtbook"
    HOME="$BUILD/home" dist/gigatracker/gigatracker performance --book "$BUILD/frozen-demo.gtbook" \
        --from 2025-11-20 --to 2026-11-20 --format json > "$BUILD/performance.json"
    "$BUILD/venv/bin/python" -c 'import json, sys; r = json.load(open(sys.argv[1])); print("frozen performance:", \
        r["breakdown"]["final_value"], r["base_currency"], "TTWROR", r["ttwror"], "IRR", r["irr"]); \
        sys.exit(0 if r["breakdown"]["final_value"] == "182927.50" and r["irr"] is not None else 1)' "$BUILD/performance.json"
    echo "== 4. the frozen app on a shared book: the demo copied into a throwaway PostgreSQL (psycopg bundled) =="
    if "$BUILD/venv/bin/python" -c 'import sys; sys.path.insert(0, "."); from tests.support import postgres; \
            sys.exit(0 if postgres.binaries() else 1)' 2>/dev/null; then
        HOME="$BUILD/home" "$BUILD/venv/bin/python" - "$BUILD" <<'PY'
import json, subprocess, sys
sys.path.insert(0, ".")
from tests.support import postgres
build = sys.argv[1]
with postgres.running() as cluster:
    url = cluster.fresh_database()
    frozen = ["dist/gigatracker/gigatracker"]
    subprocess.run(frozen + ["book", "copy", f"{build}/frozen-demo.gtbook", url], check=True)
    shared = json.loads(subprocess.run(frozen + ["holdings", "--book", url, "--format", "json"], check=True,
                                       capture_output=True, text=True).stdout)
    local = json.loads(subprocess.run(frozen + ["holdings", "--book", f"{build}/frozen-demo.gtbook", "--format",
                                                "json"], check=True, capture_output=True, text=True).stdout)
    print(f"frozen shared book: {len(shared)} holdings, the same as the file's: {shared == local}")
    sys.exit(0 if shared == local and shared else 1)
PY
    else
        echo "(skipped: no PostgreSQL server binaries on this machine)"
    fi
    exit 0
fi

echo "== 2. a clean Debian root (debootstrap --variant=minbase bookworm) =="
ROOTFS="$BUILD/rootfs"
cleanup() { umount "$ROOTFS/proc" 2>/dev/null || true; umount "$ROOTFS/dev" 2>/dev/null || true; }
trap cleanup EXIT
if [ "${SMOKE_REUSE_ROOT:-0}" != 1 ] || [ ! -x "$ROOTFS/usr/bin/apt-get" ]; then  # clean unless asked
    rm -rf "$ROOTFS"
    debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$BUILD/debootstrap.log" 2>&1 \
        || { tail -20 "$BUILD/debootstrap.log"; exit 1; }
fi
echo "root: $(du -sh "$ROOTFS" | cut -f1), fonts before install: $(chroot "$ROOTFS" sh -c 'ls /usr/share/fonts 2>/dev/null | wc -l')"
mount -t proc proc "$ROOTFS/proc"
mount --bind /dev "$ROOTFS/dev"
cp /etc/resolv.conf "$ROOTFS/etc/resolv.conf"

echo "== 3. install the .deb with apt, run the self-test inside =="
cp "$DEB" "$ROOTFS/tmp/"
chroot "$ROOTFS" apt-get update -qq
chroot "$ROOTFS" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "/tmp/$(basename "$DEB")" >"$BUILD/apt.log" 2>&1 \
    || { tail -30 "$BUILD/apt.log"; exit 1; }
echo "installed: $(chroot "$ROOTFS" dpkg-query -W -f='${Package} ${Version}' gigatracker), $(chroot "$ROOTFS" which gigatracker)"
started=$(date +%s%N)
chroot "$ROOTFS" env -i PATH=/usr/bin:/bin HOME=/root QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 \
    gigatracker --self-test --screenshot /tmp/self-test.png
echo "self-test inside the clean root: $(( ($(date +%s%N) - started) / 1000000 )) ms from launch to exit"

echo "== 4. the screenshot =="
cp "$ROOTFS/tmp/self-test.png" "$BUILD/self-test.png"
check_png "$BUILD/self-test.png"
echo "smoke test passed"
