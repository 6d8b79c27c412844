#!/usr/bin/env bash
# Build GigaTracker.app (PyInstaller BUNDLE: Info.plist with the version, icon, finance category) and
# its DMG. Run on macOS from the repository root, with Python 3.11+ from python.org:
#   packaging/macos/build.sh
# Signing and notarisation need the maintainer's Developer ID: see packaging/README.md.
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=$(python3 -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
python3 -m venv build/venv
build/venv/bin/pip install -q . pyinstaller pillow
build/venv/bin/python tools/icons.py build/icons
build/venv/bin/pyinstaller --noconfirm packaging/pyinstaller/gigatracker.spec
/usr/libexec/PlistBuddy -c "Set :CFBundleShortVersionString $VERSION" dist/GigaTracker.app/Contents/Info.plist
QT_QPA_PLATFORM=offscreen dist/GigaTracker.app/Contents/MacOS/gigatracker --self-test --screenshot build/self-test.png
packaging/macos/make_dmg.sh "$VERSION"
