"""A book's passphrase stored, read and deleted through `keyring` against a real Secret Service: a
gnome-keyring daemon, unlocked, on a private D-Bus session (`dbus-run-session`). `.ci/run` installs both;
elsewhere the test skips when they are missing, saying why (in CI it fails instead)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap

import pytest

TOOLS = ("dbus-run-session", "gnome-keyring-daemon")

CHILD = textwrap.dedent('''
    import os, subprocess, sys
    from pathlib import Path
    started = subprocess.run(["gnome-keyring-daemon", "--unlock", "--components=secrets"],
                             input=b"the login keyring's own password\\n", capture_output=True, timeout=30)
    assert started.returncode == 0, started.stderr
    for line in started.stdout.decode().splitlines():
        name, _, value = line.partition("=")
        if name:
            os.environ[name] = value
    import keyring
    from keyring.backends.SecretService import Keyring
    keyring.set_keyring(Keyring())
    from gigatracker.app import App
    from gigatracker.services import secrets
    status = secrets.status()
    assert status.accepted and "SecretService" in status.backend, status
    path = Path(sys.argv[1])
    with App.create(path, "EUR", "phrase de passe") as app:
        book_id = app.book.meta("book_id")
    assert secrets.recall_for_path(path) is None
    assert secrets.remember_passphrase(book_id, "phrase de passe", path).accepted
    assert keyring.get_password("gigatracker", f"book:{book_id}") == "phrase de passe"
    with App.open(path, secrets.recall_for_path(path)) as app:
        assert app.book.encrypted
    secrets.forget_passphrase(book_id)
    assert secrets.recall_for_path(path) is None
    assert keyring.get_password("gigatracker", f"book:{book_id}") is None
    print("secret service: stored, read and deleted")
''')


def test_passphrase_through_a_real_secret_service(tmp_path):
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        if os.environ.get("CI"):
            pytest.fail(f"{', '.join(missing)} missing: .ci/run installs gnome-keyring and dbus")
        pytest.skip(f"{', '.join(missing)} not installed (apt install gnome-keyring dbus)")
    env = {**os.environ, "HOME": str(tmp_path / "home")}
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    for name in ("HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):  # the daemon's keyring and sockets
        if env.get(name):
            os.makedirs(env[name], exist_ok=True)
    result = subprocess.run(["dbus-run-session", "--", sys.executable, "-c", CHILD, str(tmp_path / "b.gtbook")],
                            env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "secret service: stored, read and deleted" in result.stdout
