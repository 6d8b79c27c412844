#!/usr/bin/env bash
# dist/GigaTracker.app -> dist/GigaTracker-VERSION.dmg (compressed, with an /Applications link to drag to).
set -euo pipefail
cd "$(dirname "$0")/../.."
VERSION=${1:?usage: make_dmg.sh VERSION}
STAGE=build/dmg
rm -rf "$STAGE" && mkdir -p "$STAGE"
cp -R dist/GigaTracker.app "$STAGE/"
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "GigaTracker $VERSION" -srcfolder "$STAGE" -ov -format UDZO "dist/GigaTracker-$VERSION.dmg"
echo "dist/GigaTracker-$VERSION.dmg"
