"""Update the French translation source from the code, then build the file the app loads.

    python tools/translations.py          # lupdate: new strings land in resources/translations/*.ts
    (translate them in Qt Linguist: pyside6-linguist resources/translations/gigatracker_fr.ts)
    python tools/translations.py --release  # lrelease: .ts -> .qm (shipped in the package)

Both tools come with PySide6 (pyside6-lupdate, pyside6-lrelease).
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("fr",)


def tool(name: str) -> str:
    found = shutil.which(f"pyside6-{name}", path=str(Path(sys.executable).parent)) or shutil.which(f"pyside6-{name}")
    if not found:
        sys.exit(f"pyside6-{name} not found: install PySide6-Essentials in this environment")
    return found


# The code that shows text to users: the window, the PDF, and the services' words for both (messages of
# the core in the user's language, rules in words, Qt's own strings its French lacks).
TRANSLATED = ("gigatracker/ui", "gigatracker/services/reports", "gigatracker/services/messages.py",
              "gigatracker/services/rule_words.py", "gigatracker/services/language.py")


def sources() -> list[str]:
    paths = [ROOT / name for name in TRANSLATED]
    return sorted(str(p.relative_to(ROOT)) for path in paths for p in ([path] if path.is_file() else path.rglob("*.py")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--release", action="store_true", help="build the .qm files from the .ts files")
    args = parser.parse_args()
    for language in LANGUAGES:
        ts = TRANSLATIONS / f"gigatracker_{language}.ts"
        if args.release:
            subprocess.run([tool("lrelease"), str(ts), "-qm", str(ts.with_suffix(".qm"))], check=True, cwd=ROOT)
        else:
            subprocess.run([tool("lupdate"), *sources(), "-no-obsolete", "-locations", "none",
                            "-target-language", language, "-ts", str(ts)], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
