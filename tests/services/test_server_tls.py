"""A shared book over TLS (issue 21): libpq's parameters in the book's URL reach the server as they are, so
`sslmode=verify-full` with the firm's CA checks the server's certificate and name; a server whose
certificate the CA did not sign is refused before any book is read."""
import subprocess
import time

import pytest

from gigatracker.app import App


@pytest.fixture
def tls_cluster(own_postgres_cluster):
    ca = own_postgres_cluster.enable_tls()
    time.sleep(0.3)  # the reload is asynchronous
    return own_postgres_cluster, ca


def test_a_shared_book_over_verified_tls(cli, tls_cluster, tmp_path):
    cluster, ca = tls_cluster
    url = cluster.fresh_database() + f"?sslmode=verify-full&sslrootcert={ca}"
    cli("init", "--book", url)
    cli("account", "add", "--book", url, "--portfolio", "P", "--name", "CTO", "--currency", "EUR")
    with App.open(url) as app, app.book.read() as conn:
        assert conn.exec_driver_sql("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").scalar() is True
        assert [a.name for a in app.accounts()] == ["CTO"]
    other_ca = tmp_path / "other-ca.pem"  # a CA that did not sign the server's certificate
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=Not ours",
                    "-keyout", str(tmp_path / "other.key"), "-out", str(other_ca)], check=True, capture_output=True)
    refused = cli("account", "list", "--book", url.replace(str(ca), str(other_ca)), ok=False)
    assert "cannot connect" in refused.stderr and "certificate verify failed" in refused.stderr
