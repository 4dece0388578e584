"""What the technician's network and queue screen shows: the central system reached or not,
the round trip, the clock against the central system's, when its TLS certificate expires, and
the offline queue (counts, the oldest waiting entry, dead letters with their reason codes). No
payload, nothing personal."""

from __future__ import annotations

import socket
import ssl
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from kiosk.central.client import CentralClient
    from offline_queue.store import EntryState, EntrySummary, Outbox


@dataclass(frozen=True)
class LineReport:
    reachable: bool
    code: str | None
    """Why the central system was not reached (its error's code)."""
    round_trip_ms: float | None
    clock_offset_s: float | None
    """The central system's clock minus this terminal's, at the middle of the round trip."""
    tls_expires_at: datetime | None
    tls_problem: str | None
    """central.not_tls for a plain-HTTP central system, else why the certificate was not
    read (central.tls_untrusted: it does not verify against the CA bundle)."""
    counts: dict[EntryState, int]
    oldest_waiting_s: float | None
    dead: tuple[EntrySummary, ...]


TLS_TIMEOUT_S = 5.0


def tls_expiry(url: str, ca_bundle: str = "", timeout_s: float = TLS_TIMEOUT_S) -> datetime:
    """When the certificate the central system at `url` presents expires, checked against
    `ca_bundle` (empty: the system's) as the client checks it. Raises LineProblem:
    central.tls_expired (with the date), central.tls_untrusted, central.tls_unreadable."""
    parts = urlsplit(url)
    if parts.scheme != "https" or not parts.hostname:
        raise LineProblem("central.not_tls")
    address = (parts.hostname, parts.port or 443)
    try:
        context = ssl.create_default_context(cafile=ca_bundle or None)
        return _expiry(_certificate(address, context, timeout_s))
    except ssl.SSLCertVerificationError as exc:
        if exc.verify_code != X509_V_ERR_CERT_HAS_EXPIRED:
            raise LineProblem("central.tls_untrusted") from exc
        unchecked = ssl.create_default_context()
        unchecked.check_hostname = False
        unchecked.verify_mode = ssl.CERT_NONE
        try:
            expired = _expiry(_certificate(address, unchecked, timeout_s))
        except (OSError, ValueError) as again:
            raise LineProblem("central.tls_expired") from again
        raise LineProblem("central.tls_expired", expired) from exc
    except (ConnectionError, TimeoutError, socket.gaierror) as exc:
        raise LineProblem("central.unreachable") from exc
    except (OSError, ValueError) as exc:  # a CA bundle missing or damaged, a bad certificate
        raise LineProblem("central.tls_unreadable") from exc


X509_V_ERR_CERT_HAS_EXPIRED = 10


def _certificate(address: tuple[str, int], context: ssl.SSLContext, timeout_s: float) -> bytes:
    with (
        socket.create_connection(address, timeout_s) as raw,
        context.wrap_socket(raw, server_hostname=address[0]) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    if der is None:
        raise ValueError("no certificate")
    return der


def _expiry(der: bytes) -> datetime:
    from cryptography import x509

    return x509.load_der_x509_certificate(der).not_valid_after_utc


class LineProblem(Exception):
    def __init__(self, code: str, expired_at: datetime | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.expired_at = expired_at


def unchecked(code: str) -> LineReport:
    """What the screen shows when the check itself broke: its code, nothing else known."""
    return LineReport(False, code, None, None, None, code, {}, None, ())


def check_line(
    central: CentralClient, outbox: Outbox | None, url: str = "", ca_bundle: str = ""
) -> LineReport:
    """It waits for the central system (seconds when it is down): not from the GUI thread."""
    # The queue's module loads cryptography: with the technician's screen, not the window.
    from offline_queue.store import EntryState

    sent = time.monotonic()
    sent_at = datetime.now(UTC)
    try:
        health = central.health()
        code = None
    except Exception as exc:  # any failure is a finding, reported by its code
        health, code = None, str(getattr(exc, "code", type(exc).__name__))
    round_trip = time.monotonic() - sent
    offset = None
    if health is not None:
        middle = sent_at.timestamp() + round_trip / 2
        offset = health.time.timestamp() - middle
    expires_at, tls_problem = None, None
    try:
        expires_at = tls_expiry(url, ca_bundle)
    except LineProblem as problem:
        tls_problem, expires_at = problem.code, problem.expired_at
    status = outbox.status() if outbox is not None else None
    dead = tuple(outbox.entries(EntryState.DEAD, limit=50)) if outbox is not None else ()
    return LineReport(
        reachable=health is not None,
        code=code,
        round_trip_ms=round_trip * 1000 if health is not None else None,
        clock_offset_s=offset,
        tls_expires_at=expires_at,
        tls_problem=tls_problem,
        counts=dict(status.counts) if status is not None else {},
        oldest_waiting_s=status.oldest_open_age_s if status is not None else None,
        dead=dead,
    )
