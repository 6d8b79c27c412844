"""Every package of the source tree is listed for the wheel: editable installs hide a missing one,
`pip install .` (the README's launch command) does not."""
import tomllib
from pathlib import Path

ROOT = Path(__file__).parents[1]


def test_every_package_is_in_the_wheel():
    listed = set(tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"])
    found = {".".join(init.parent.relative_to(ROOT).parts) for init in (ROOT / "gigatracker").rglob("__init__.py")}
    assert found - listed == set()
