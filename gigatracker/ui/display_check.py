"""What a real X display needs before Qt is asked for a window. Qt's xcb plugin aborts the process when one
of its libraries is missing, and names only libxcb-cursor0 whichever it is; checked first, the user is told
exactly which Debian/Ubuntu packages to install."""
from __future__ import annotations

import ctypes
import os
import sys

# Debian package -> the library Qt 6's xcb platform plugin loads from it (the .deb declares the same).
XCB_LIBRARIES = {
    "libxcb-cursor0": "libxcb-cursor.so.0",
    "libxcb-icccm4": "libxcb-icccm.so.4",
    "libxcb-keysyms1": "libxcb-keysyms.so.1",
    "libxcb-image0": "libxcb-image.so.0",
    "libxcb-render-util0": "libxcb-render-util.so.0",
    "libxcb-randr0": "libxcb-randr.so.0",
    "libxcb-shape0": "libxcb-shape.so.0",
    "libxcb-xkb1": "libxcb-xkb.so.1",
    "libxkbcommon-x11-0": "libxkbcommon-x11.so.0",
    "libx11-xcb1": "libX11-xcb.so.1",
}


def uses_xcb(environ=os.environ, platform: str = sys.platform) -> bool:
    """Whether Qt will draw through X (xcb): on Linux, asked for or left to choose outside a Wayland session."""
    if not platform.startswith("linux"):
        return False
    asked = environ.get("QT_QPA_PLATFORM", "")
    if asked:
        return asked.split(";")[0].split(":")[0] == "xcb"
    return bool(environ.get("DISPLAY")) and not environ.get("WAYLAND_DISPLAY")


def missing_packages(load=ctypes.CDLL) -> list[str]:
    missing = []
    for package, library in XCB_LIBRARIES.items():
        try:
            load(library)
        except OSError:
            missing.append(package)
    return missing


def problem(environ=os.environ, load=ctypes.CDLL) -> str | None:
    """The message to give instead of Qt's abort, or None when the window can start."""
    if not uses_xcb(environ):
        return None
    missing = missing_packages(load)
    if not missing:
        return None
    return (f"gigatracker: the window cannot open on this X display: {', '.join(missing)} "
            f"{'is' if len(missing) == 1 else 'are'} missing.\n"
            f"On Debian or Ubuntu: sudo apt install {' '.join(missing)}\n"
            "(the command line works without them: `gigatracker --help`)")
