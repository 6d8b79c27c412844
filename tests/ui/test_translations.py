"""The French translation covers every string of the interface, and the shipped .qm is built from the
current .ts (tools/translations.py; both steps use PySide6's own lupdate and lrelease)."""
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from importlib import resources
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from gigatracker.services.language import install_language

ROOT = Path(__file__).parents[2]
TS = ROOT / "resources" / "translations" / "gigatracker_fr.ts"


def pyside_tool(name: str) -> str:
    return shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or f"pyside6-{name}"


def translated_sources() -> list[str]:
    """The files tools/translations.py gives lupdate (the same list, from the tool itself)."""
    import importlib.util
    spec = importlib.util.spec_from_file_location("translations_tool", ROOT / "tools" / "translations.py")
    tool = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(tool)
    return [str(ROOT / source) for source in tool.sources()]


def test_every_interface_string_has_a_french_translation(tmp_path):
    current = tmp_path / "current.ts"
    shutil.copy(TS, current)
    subprocess.run([pyside_tool("lupdate"), *translated_sources(), "-no-obsolete", "-locations", "none", "-ts", str(current)],
                   check=True, capture_output=True)
    messages = [m for context in ET.parse(current).getroot() for m in context.findall("message")]
    assert len(messages) > 200
    untranslated = [m.find("source").text for m in messages
                    if not (m.find("translation").text or "").strip() or m.find("translation").get("type")]
    assert untranslated == [], "run tools/translations.py and translate these"
    # A string lupdate cannot tie to a class (`tr = self.tr; tr("…")`, `window.tr(…)`) is filed under no
    # context or the variable's name, and is never found at run time: the menu stays in English.
    contexts = {context.findtext("name") or "" for context in ET.parse(current).getroot()}
    assert [name for name in contexts if not name[:1].isupper()] == [], "call self.tr(…) on the class itself"


def test_the_shipped_qm_is_built_from_the_ts(tmp_path):
    built = tmp_path / "fr.qm"
    subprocess.run([pyside_tool("lrelease"), str(TS), "-qm", str(built)], check=True, capture_output=True)
    shipped = resources.files("gigatracker.resources") / "translations" / "gigatracker_fr.qm"
    assert shipped.read_bytes() == built.read_bytes(), "run: python tools/translations.py --release"


def test_installing_french_translates_the_interface(qapp):
    assert install_language("fr")
    assert QCoreApplication.translate("MainWindow", "Dashboard") == "Tableau de bord"
    assert QCoreApplication.translate("TxType", "Buy") == "Achat"
    install_language("en")
    assert QCoreApplication.translate("MainWindow", "Dashboard") == "Dashboard"
