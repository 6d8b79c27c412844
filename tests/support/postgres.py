"""A throwaway PostgreSQL server for the tests: Debian's `postgresql` binaries (`initdb`, `pg_ctl`), a new
cluster in a temporary folder on a free port of 127.0.0.1, stopped and removed at the end of the run.

PostgreSQL refuses to run as root (CI runs as root): the cluster then belongs to the `postgres` user and
its commands run through `runuser`. The superuser is `gt_admin`, trusted on loopback only; each test gets
a database of its own (`fresh_database`)."""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import socket
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

ADMIN = "gt_admin"
NO_SERVER = "no PostgreSQL server binaries (initdb, pg_ctl): install Debian's `postgresql` package"
_names = itertools.count(1)


def binaries() -> Path | None:
    """The folder of initdb/pg_ctl: on the PATH, else Debian's versioned folder (newest first)."""
    found = shutil.which("initdb") or shutil.which("pg_ctl")
    if found:
        return Path(found).parent
    folders = sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name), reverse=True)
    return next((Path(f) for f in folders if (Path(f) / "initdb").exists()), None)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Cluster:
    def __init__(self, bin_dir: Path, *, fsync: bool = False):
        self.bin = bin_dir
        self.fsync = fsync  # off for tests (speed; nothing to keep), on for benchmarks (as a real server)
        self.root = Path(tempfile.mkdtemp(prefix="gt-pg-"))
        self.data = self.root / "data"
        self.port = _free_port()
        self.as_root = os.geteuid() == 0

    def _run(self, *args: str) -> None:
        command = [str(self.bin / args[0]), *args[1:]]
        if self.as_root:
            command = ["runuser", "-u", "postgres", "--", *command]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")

    def start(self) -> str:
        if self.as_root:
            shutil.chown(self.root, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", ADMIN, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8")
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-w", "-o",
                  f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync={'on' if self.fsync else 'off'}",
                  "start")
        return self.url("postgres")

    def url(self, database: str, user: str = ADMIN) -> str:
        return f"postgresql://{user}@127.0.0.1:{self.port}/{database}"

    def fresh_database(self) -> str:
        name = f"book{next(_names)}"
        self.admin_sql(f"CREATE DATABASE {name}")
        return self.url(name)

    def admin_sql(self, sql: str, database: str = "postgres") -> None:
        import psycopg
        with psycopg.connect(self.url(database), autocommit=True) as conn:
            conn.execute(sql)

    def enable_tls(self) -> Path:
        """TLS on (a certificate for 127.0.0.1 signed by a CA made here); returns the CA's certificate,
        which a client gives as sslrootcert to verify the server (sslmode=verify-full)."""
        tls = self.root / "tls"
        tls.mkdir()

        def openssl(*args: str) -> None:
            subprocess.run(["openssl", *args], check=True, capture_output=True, timeout=60)
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=GigaTracker test CA",
                "-keyout", str(tls / "ca.key"), "-out", str(tls / "ca.pem"))
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", str(tls / "server.key"),
                "-out", str(tls / "server.csr"))
        (tls / "san.ext").write_text("subjectAltName = IP:127.0.0.1\n")
        openssl("x509", "-req", "-in", str(tls / "server.csr"), "-CA", str(tls / "ca.pem"), "-CAkey", str(tls / "ca.key"),
                "-CAcreateserial", "-days", "2", "-extfile", str(tls / "san.ext"), "-out", str(tls / "server.pem"))
        os.chmod(tls / "server.key", 0o600)
        if self.as_root:
            for name in ("server.key", "server.pem"):
                shutil.chown(tls / name, "postgres", "postgres")
            shutil.chown(tls, "postgres", "postgres")
        settings = f"ssl = on\nssl_cert_file = '{tls / 'server.pem'}'\nssl_key_file = '{tls / 'server.key'}'\n"
        command = f"printf \"{settings}\" >> {self.data / 'postgresql.conf'}"
        subprocess.run(["runuser", "-u", "postgres", "--", "sh", "-c", command] if self.as_root else ["sh", "-c", command],
                       check=True)
        self._run("pg_ctl", "-D", str(self.data), "reload")
        return tls / "ca.pem"

    def add_login(self, user: str, password: str, database: str) -> None:
        """A role that must give its password (SCRAM) on loopback, owning `database`'s public schema."""
        self.admin_sql(f"CREATE ROLE {user} LOGIN PASSWORD '{password}'")
        self.admin_sql(f"GRANT ALL ON DATABASE {database} TO {user}")
        self.admin_sql(f"ALTER SCHEMA public OWNER TO {user}", database)
        hba = self.data / "pg_hba.conf"
        rule = f"host all {user} 127.0.0.1/32 scram-sha-256\n"
        if self.as_root:
            subprocess.run(["runuser", "-u", "postgres", "--", "sh", "-c", f"printf '{rule}' | cat - {hba} > {hba}.new "
                            f"&& mv {hba}.new {hba}"], check=True)
        else:
            hba.write_text(rule + hba.read_text())
        self._run("pg_ctl", "-D", str(self.data), "reload")

    def stop(self) -> None:
        try:
            self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "stop")
        finally:
            shutil.rmtree(self.root, ignore_errors=True)


@contextmanager
def running(*, fsync: bool = False) -> Iterator[Cluster]:
    """A cluster for the length of the block; RuntimeError where no server binary exists."""
    folder = binaries()
    if folder is None:
        raise RuntimeError(NO_SERVER)
    cluster = Cluster(folder, fsync=fsync)
    cluster.start()
    try:
        yield cluster
    finally:
        cluster.stop()
