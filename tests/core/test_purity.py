"""The core is pure: importing it (and the CLI's data commands) pulls in no Qt."""
import subprocess
import sys


def test_core_and_cli_import_no_qt():
    code = ("import sys, gigatracker.core.ledger, gigatracker.core.valuation, gigatracker.core.money, "
            "gigatracker.cli, gigatracker.app; "
            "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6', 'pyqtgraph')]; "
            "print(bad); sys.exit(1 if bad else 0)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_cli_modules_never_import_the_ui():
    """Not even lazily: the window is dispatched from __main__, the CLI runs where Qt's widgets are absent."""
    from pathlib import Path
    package = Path(__file__).parents[2] / "gigatracker"
    offenders = [f"{path.name}:{number}: {line.strip()}" for path in sorted((package / "cli").glob("*.py"))
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if "from ..ui" in line or "gigatracker.ui" in line or "import ui" in line]
    assert offenders == []
