"""Issue 20 (1): on an X display missing one of Qt's xcb libraries, the user is told which packages to
install instead of Qt's abort naming only libxcb-cursor0."""
from __future__ import annotations

import re
from pathlib import Path

from gigatracker.ui import display_check

ROOT = Path(__file__).resolve().parents[2]


def loader_without(*absent: str):
    def load(library: str):
        if library in absent:
            raise OSError(f"{library}: cannot open shared object file")
        return object()
    return load


def test_the_missing_packages_are_named_with_the_apt_line():
    load = loader_without("libxcb-icccm.so.4", "libxcb-keysyms.so.1")
    message = display_check.problem({"DISPLAY": ":0"}, load)
    assert "libxcb-icccm4, libxcb-keysyms1 are missing" in message
    assert "sudo apt install libxcb-icccm4 libxcb-keysyms1\n" in message
    assert "cursor" not in message


def test_nothing_is_said_when_every_library_loads_or_x_is_not_used():
    assert display_check.problem({"DISPLAY": ":0"}, loader_without()) is None
    everything_missing = loader_without(*display_check.XCB_LIBRARIES.values())
    assert display_check.problem({"QT_QPA_PLATFORM": "offscreen", "DISPLAY": ":0"}, everything_missing) is None
    assert display_check.problem({"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0"}, everything_missing) is None
    assert display_check.problem({}, everything_missing) is None  # no display at all: Qt says so itself
    assert display_check.problem({"QT_QPA_PLATFORM": "xcb"}, everything_missing) is not None
    assert not display_check.uses_xcb({"DISPLAY": ":0"}, platform="darwin")


def test_the_readme_and_the_deb_name_the_same_libraries():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    deb = (ROOT / "packaging/linux/build_deb.sh").read_text(encoding="utf-8")
    depends = set(re.search(r"^Depends: (.*)$", deb, re.MULTILINE).group(1).replace(",", " ").split())
    apt_line = next(line for line in readme.splitlines() if line.startswith("sudo apt install"))
    for package in display_check.XCB_LIBRARIES:
        assert package in depends, package
        assert package in apt_line.split(), package
