"""`gigatracker --self-test` as installers' smoke tests run it: in a new process, offscreen. On this
machine it passes and writes its screenshot; with no font available (an empty fontconfig) it fails,
saying why — the check can fail, as it must on a bare system."""
import os
import subprocess
import sys

from PySide6.QtGui import QImage


def self_test(*args, env=None):
    return subprocess.run([sys.executable, "-m", "gigatracker", "--self-test", *map(str, args)],
                          capture_output=True, text=True, timeout=120, env={**os.environ, **(env or {})})


def test_the_self_test_passes_and_writes_its_screenshot(tmp_path):
    shot = tmp_path / "self-test.png"
    result = self_test("--screenshot", shot)
    assert result.returncode == 0, result.stdout + result.stderr
    for check in ("fonts", "text", "translations", "icon", "calendars", "views", "screenshot"):
        assert f"ok   {check}:" in result.stdout
    assert "dashboard, holdings, transactions, themes, exposure, clients opened" in result.stdout
    assert "self-test passed in" in result.stdout
    image = QImage(str(shot))
    assert (image.width(), image.height()) == (1280, 800)


def test_without_fonts_it_fails_and_says_why(tmp_path):
    config = tmp_path / "fonts.conf"
    config.write_text(f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "none"}</dir>'
                      f'<cachedir>{tmp_path / "cache"}</cachedir></fontconfig>')
    result = self_test(env={"FONTCONFIG_FILE": str(config)})
    assert result.returncode == 1
    assert "FAIL text: RuntimeError: no glyph for" in result.stdout or "FAIL fonts" in result.stdout
    assert "self-test FAILED" in result.stdout
