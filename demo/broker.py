"""The fleet's MQTT broker on loopback: Mosquitto with TLS client certificates and the fleet's
ACL, and a PKI of its own to go with it. The demo and the tests start it; a terminal never does.

The broker's ACL is packaging/mosquitto/sheyin-acl.example itself, so what the tests prove is
what a bank's broker administrator is given.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import pwd
import resource
import shutil
import socket
import ssl
import subprocess
import time
from collections.abc import Iterable
from pathlib import Path
from types import TracebackType
from urllib.parse import quote

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PACKAGING_DIR = Path(__file__).resolve().parent.parent / "packaging" / "mosquitto"
ACL_EXAMPLE = PACKAGING_DIR / "sheyin-acl.example"
BROKER_CONF_EXAMPLE = PACKAGING_DIR / "sheyin-broker.conf.example"
OPS_CENTRE = "ops-centre"
"""The operations centre's CN, which the ACL names."""
PROBE_CN = "sheyin-broker-probe"
"""The CN of the connection that checks the broker is up: the ACL gives it nothing."""

_VALIDITY = dt.timedelta(days=3650)


class BrokerError(RuntimeError):
    code = "broker.unavailable"


def _name(cn: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, cn)])


def _pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def _write_private(path: Path, data: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as file:
        os.fchmod(file.fileno(), 0o600)  # O_CREAT's mode does not apply to an existing file
        file.write(data)


class Pki:
    """A CA of its own (EC P-256), the broker's certificate for localhost and 127.0.0.1, and
    a client certificate per CN, all as PEM files in `directory` (keys 0600)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        (directory / "clients").mkdir(parents=True, exist_ok=True)
        self._ca_key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        self._ca_cert = (
            x509.CertificateBuilder()
            .subject_name(_name("Sheyin fleet test CA"))
            .issuer_name(_name("Sheyin fleet test CA"))
            .public_key(self._ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + _VALIDITY)
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=False,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self._ca_key.public_key()),
                critical=False,
            )
            .sign(self._ca_key, hashes.SHA256())
        )
        self.ca_file = directory / "ca.crt"
        self.ca_file.write_bytes(self._ca_cert.public_bytes(serialization.Encoding.PEM))
        self.server_cert, self.server_key = self._issue(
            "localhost", directory / "server", server=True
        )
        self._clients: dict[str, tuple[Path, Path]] = {}

    def client(self, cn: str) -> tuple[Path, Path]:
        """The (certificate, key) files of `cn`, issued on first use."""
        if cn not in self._clients:
            self._clients[cn] = self._issue(
                cn, self.directory / "clients" / quote(cn, safe=""), server=False
            )
        return self._clients[cn]

    def client_context(self, cn: str | None) -> ssl.SSLContext:
        """A TLS context for a client: it trusts this CA and presents `cn`'s certificate
        (none if `cn` is None)."""
        context = ssl.create_default_context(cafile=self.ca_file)
        context.minimum_version = ssl.TLSVersion.TLSv1_2
        if cn is not None:
            context.load_cert_chain(*self.client(cn))
        return context

    def _issue(self, cn: str, stem: Path, *, server: bool) -> tuple[Path, Path]:
        key = ec.generate_private_key(ec.SECP256R1())
        now = dt.datetime.now(dt.UTC)
        builder = (
            x509.CertificateBuilder()
            .subject_name(_name(cn))
            .issuer_name(self._ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - dt.timedelta(days=1))
            .not_valid_after(now + _VALIDITY)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(
                x509.ExtendedKeyUsage(
                    [ExtendedKeyUsageOID.SERVER_AUTH if server else ExtendedKeyUsageOID.CLIENT_AUTH]
                ),
                critical=False,
            )
            .add_extension(
                x509.AuthorityKeyIdentifier.from_issuer_public_key(self._ca_key.public_key()),
                critical=False,
            )
        )
        if server:
            builder = builder.add_extension(
                x509.SubjectAlternativeName(
                    [x509.DNSName("localhost"), x509.IPAddress(ipaddress.IPv4Address("127.0.0.1"))]
                ),
                critical=False,
            )
        cert = builder.sign(self._ca_key, hashes.SHA256())
        cert_file, key_file = stem.with_name(stem.name + ".crt"), stem.with_name(stem.name + ".key")
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        _write_private(key_file, _pem(key))
        return cert_file, key_file


def make_pki(directory: Path, clients: Iterable[str]) -> Pki:
    """A new PKI in `directory` with a client certificate for each CN in `clients`."""
    pki = Pki(directory)
    for cn in clients:
        pki.client(cn)
    return pki


def mosquitto_program() -> str:
    found = shutil.which("mosquitto") or shutil.which("mosquitto", path="/usr/sbin")
    if found is None:
        raise BrokerError("mosquitto is not installed (apt-get install mosquitto; make bootstrap)")
    return found


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        port: int = probe.getsockname()[1]
    return port


class Broker:
    """Mosquitto on 127.0.0.1 with the fleet's TLS and ACL. `directory` holds its configuration,
    its log and, with `persistence`, its database, so a restart finds what it had queued."""

    host = "127.0.0.1"

    def __init__(
        self,
        directory: Path,
        pki: Pki,
        *,
        port: int | None = None,
        persistence: bool = False,
        max_queued_messages: int = 1000,
    ) -> None:
        self.directory = directory
        self.pki = pki
        self.port = port or _free_port(self.host)
        self.ops_port = _free_port(self.host)
        """The operations centre's listener: the same ACL, but each client keeps its own id,
        so that an operator's `fleet watch` and `fleet command` can be connected at once."""
        self.persistence = persistence
        self.max_queued_messages = max_queued_messages
        self.conf_file = directory / "mosquitto.conf"
        self.log_file = directory / "mosquitto.log"
        self._process: subprocess.Popen[bytes] | None = None

    @property
    def ca_file(self) -> Path:
        return self.pki.ca_file

    @property
    def log_text(self) -> str:
        """Everything the broker logged (all types, debug included), across restarts."""
        try:
            return self.log_file.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    @property
    def running(self) -> bool:
        return self._process is not None and self._process.poll() is None

    def start(self, timeout_s: float = 10.0) -> None:
        """Starts mosquitto and returns once a TLS connection to it succeeds."""
        if self.running:
            raise BrokerError("the broker is already running")
        self.directory.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ACL_EXAMPLE, self.directory / "acl")
        self.conf_file.write_text(self.configuration(), encoding="utf-8")
        with self.log_file.open("ab") as log:
            self._process = subprocess.Popen(  # noqa: S603 - a fixed program, our own config
                [mosquitto_program(), "-c", str(self.conf_file)],
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=log,
            )
        # A benchmark connects thousands of clients; the soft limit is often 1024. Set on the
        # child rather than with preexec_fn, which is unsafe in a process with threads.
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.prlimit(self._process.pid, resource.RLIMIT_NOFILE, (hard, hard))
        self._wait_until_serving(timeout_s)

    def stop(self) -> None:
        """Stops mosquitto cleanly (it saves its database) and waits for it to exit."""
        if self._process is None:
            return
        self._process.terminate()
        try:
            self._process.wait(10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()
        self._process = None

    def kill(self) -> None:
        """A crash: SIGKILL. With persistence, what came in its last moment may be lost even
        though it was acknowledged: Mosquitto saves after a change, not before its PUBACK."""
        if self._process is None:
            return
        self._process.kill()
        self._process.wait()
        self._process = None

    def restart(self) -> None:
        """Stops it if it runs and starts it again on the same port and database."""
        self.stop()
        self.start()

    def __enter__(self) -> Broker:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.stop()

    def configuration(self) -> str:
        """The mosquitto.conf it runs with (a test of another configuration overrides it)."""
        lines = [
            # Run as root, mosquitto switches to the user `mosquitto` before it reads anything,
            # which could then read neither the 0600 keys nor this directory: stay who we are.
            f"user {pwd.getpwuid(os.getuid()).pw_name}",
            "per_listener_settings true",
            *self._listener(self.port, own_client_ids=False),
            *self._listener(self.ops_port, own_client_ids=True),
            f"max_queued_messages {self.max_queued_messages}",
            f"persistence {'true' if self.persistence else 'false'}",
            f"persistence_location {self.directory}/",
            # Saved after every change rather than every 30 minutes, so that a kill() loses
            # only what came in the last moment, as a crash test expects.
            "autosave_on_changes true",
            "autosave_interval 1",
            "log_dest stderr",
            "log_type all",
            "connection_messages true",
            # Else each CONNACK waits ~40 ms: Nagle holds it behind TLS 1.3's session tickets
            # until the client's delayed ACK.
            "set_tcp_nodelay true",
        ]
        return "\n".join(lines) + "\n"

    def _listener(self, port: int, *, own_client_ids: bool) -> list[str]:
        """The terminals' listener (client id = CN) or the operations centre's (own ids; in
        production on the centre's network, with a CA of its own: sheyin-broker.conf.example)."""
        return [
            f"listener {port} {self.host}",
            "allow_anonymous false",
            f"acl_file {self.directory / 'acl'}",
            "protocol mqtt",
            "tls_version tlsv1.2",
            f"cafile {self.pki.ca_file}",
            f"certfile {self.pki.server_cert}",
            f"keyfile {self.pki.server_key}",
            "require_certificate true",
            "use_identity_as_username true",
            f"use_username_as_clientid {'false' if own_client_ids else 'true'}",
        ]

    def _wait_until_serving(self, timeout_s: float) -> None:
        assert self._process is not None
        context = self.pki.client_context(PROBE_CN)
        deadline = time.monotonic() + timeout_s
        while True:
            if self._process.poll() is not None:
                code, self._process = self._process.returncode, None
                raise BrokerError(f"mosquitto exited with {code}:\n{self.log_text}")
            try:
                connack = _mqtt_handshake(self.host, self.port, context)
            except OSError as error:
                if time.monotonic() > deadline:
                    self.kill()
                    raise BrokerError(
                        f"mosquitto did not serve TLS on {self.port} within {timeout_s} s "
                        f"({error}):\n{self.log_text}"
                    ) from error
                time.sleep(0.01)
                continue
            if connack != _CONNACK_ACCEPTED:
                self.kill()
                raise BrokerError(f"mosquitto answered CONNECT with {connack!r}:\n{self.log_text}")
            return


_CONNACK_ACCEPTED = b"\x20\x02\x00\x00"


def _mqtt_handshake(host: str, port: int, context: ssl.SSLContext) -> bytes:
    """CONNECT (MQTT 3.1.1, clean session) over TLS, then DISCONNECT; the CONNACK it got."""
    client_id = PROBE_CN.encode()
    variable_header = b"\x00\x04MQTT\x04\x02\x00\x0a"
    payload = len(client_id).to_bytes(2, "big") + client_id
    connect = bytes([0x10, len(variable_header) + len(payload)]) + variable_header + payload
    with (
        socket.create_connection((host, port), timeout=2) as raw,
        context.wrap_socket(raw, server_hostname=host) as tls,
    ):
        tls.sendall(connect)
        with tls.makefile("rb") as answer:
            connack = answer.read(4)
        tls.sendall(b"\xe0\x00")
    return connack
