"""The network screen's TLS line (issue 15): when the central system's certificate expires, read
as the client checks it; an untrusted one and plain HTTP said as such."""

from __future__ import annotations

import ipaddress
import socket
import ssl
import threading
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from kiosk.roles.line_check import LineProblem, tls_expiry

EXPIRES = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def self_signed(directory: Path, expires: datetime = EXPIRES) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(expires - timedelta(days=365))
        .not_valid_after(expires)
        .add_extension(
            # The address itself: a fresh system may have no `localhost` in /etc/hosts.
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.IPv4Address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / "central.pem", directory / "central.key"
    cert_path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    return cert_path, key_path


@pytest.fixture
def expires() -> datetime:
    return EXPIRES


@pytest.fixture
def tls_server(tmp_path: Path, expires: datetime) -> Iterator[tuple[int, Path]]:
    cert, key = self_signed(tmp_path, expires)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(0.1)
    stop = threading.Event()

    def serve() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            connection.settimeout(5)
            try:
                with context.wrap_socket(connection, server_side=True) as tls:
                    tls.recv(1)
            except (OSError, ssl.SSLError):
                pass  # a client that refused our certificate

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield listener.getsockname()[1], cert
    stop.set()
    listener.close()
    thread.join(5)


def test_the_expiry_is_read_against_the_ca_bundle(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    assert tls_expiry(f"https://127.0.0.1:{port}/api", str(cert)) == EXPIRES


def test_an_untrusted_certificate_is_said_so(tls_server: tuple[int, Path]) -> None:
    port, _cert = tls_server
    with pytest.raises(LineProblem) as problem:
        tls_expiry(f"https://127.0.0.1:{port}/api")
    assert problem.value.code == "central.tls_untrusted"


def test_plain_http_has_no_certificate() -> None:
    with pytest.raises(LineProblem) as problem:
        tls_expiry("http://127.0.0.1:8000")
    assert problem.value.code == "central.not_tls"


EXPIRED = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize("expires", [EXPIRED])
def test_an_expired_certificate_is_said_so_with_its_date(tls_server: tuple[int, Path]) -> None:
    port, cert = tls_server
    with pytest.raises(LineProblem) as problem:
        tls_expiry(f"https://127.0.0.1:{port}/api", str(cert))
    assert problem.value.code == "central.tls_expired"
    assert problem.value.expired_at == EXPIRED


def test_a_missing_ca_bundle_is_a_code_not_a_crash(
    tls_server: tuple[int, Path], tmp_path: Path
) -> None:
    port, _cert = tls_server
    with pytest.raises(LineProblem) as problem:
        tls_expiry(f"https://127.0.0.1:{port}/api", str(tmp_path / "missing.pem"))
    assert problem.value.code == "central.tls_unreadable"
