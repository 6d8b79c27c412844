"""Render the application icon (resources/icons/gigatracker.svg) for installers: PNGs in the hicolor
sizes, and the Windows .ico / macOS .icns that PyInstaller embeds (those two need Pillow).

    python tools/icons.py build/icons
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

HICOLOR = (16, 24, 32, 48, 64, 128, 256, 512)


def main(out: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from gigatracker.ui.icons import render_icon
    qt_app = QGuiApplication.instance() or QGuiApplication(["icons"])  # QPainter needs one
    out.mkdir(parents=True, exist_ok=True)
    for size in HICOLOR:
        render_icon(size).save(str(out / f"gigatracker-{size}.png"))
    try:
        from PIL import Image
    except ImportError:
        print("Pillow not installed: PNGs only (the .ico and .icns need `pip install pillow`)")
    else:
        big = Image.open(out / "gigatracker-512.png")
        big.save(out / "gigatracker.ico", sizes=[(s, s) for s in (16, 24, 32, 48, 64, 128, 256)])
        big.save(out / "gigatracker.icns")
    print(f"icons in {out} ({qt_app.platformName()} rendering)")


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "build/icons"))
