"""HTTP client for the central system on a requests.Session.

Timeouts on every call, retries only for idempotent reads, every attempt signed anew (a fresh
nonce and timestamp, urllib3's own retries included: see _Signer), an Idempotency-Key on every
write, problem+json mapped to typed errors.

A lying network or central system cannot hold a call: each call has a deadline for the whole
of it (connect, every read, every retry, the whole answer; within a delivery, also the
entry's lease) kept by a timer that cuts the call's connections when it passes, a Retry-After
is honoured only up to a cap, no redirect is followed (a 3xx is a malformed answer, and a
signed body is never sent anywhere but to the configured URL), and an answer is read with a
size cap counted after decompression.
"""

from __future__ import annotations

import json
import logging
import socket
import threading
import time
from collections.abc import Callable, Mapping
from contextlib import suppress
from types import TracebackType
from typing import Any, NoReturn, Self, TypeVar
from urllib.parse import urlsplit
from uuid import UUID

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3 import BaseHTTPResponse, HTTPConnectionPool, HTTPSConnectionPool
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import ConnectionPool
from urllib3.exceptions import MaxRetryError, ReadTimeoutError, ResponseError
from urllib3.poolmanager import PoolManager, ProxyManager
from urllib3.util.retry import Retry

from kiosk.central import models as m
from kiosk.central.errors import (
    PROBLEM_CODES,
    CentralAnswerTooLarge,
    CentralError,
    CentralRejected,
    CentralTimeout,
    CentralUnavailable,
    MalformedCentralResponse,
)
from kiosk.central.signing import HEADER_IDEMPOTENCY_KEY, SIGNATURE_HEADERS, signed_headers
from kiosk.config import CentralSettings

log = logging.getLogger(__name__)
# urllib3 warns on every retry it makes; this client logs one line with a code per call that
# fails, and an offline backpack terminal must not fill its log with retries.
logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)

R = TypeVar("R", bound=BaseModel)

_CHUNK = 16 * 1024
"""Bytes read (and, compressed, inflated) at a time: what one read can add to memory."""


_IDEMPOTENCY_KEY = HEADER_IDEMPOTENCY_KEY.lower()


class _Signer:
    """Signs one attempt as its connection sends it.

    Signing happens here, under urllib3, because urllib3 retries a read by sending the very
    headers it was given again: a signature made once per call would go out twice, and the
    central system refuses a nonce it has already seen."""

    _UNSIGNED = frozenset(name.lower() for name in SIGNATURE_HEADERS)

    def __init__(self, terminal_id: str, key: bytes) -> None:
        self._terminal_id = terminal_id
        self._key = key

    def headers(
        self, method: str, target: str, body: object, headers: Mapping[str, str] | None
    ) -> dict[str, str]:
        """`headers` with this attempt's signature; `target` is the request line's target (an
        absolute URL through a plain HTTP proxy, whose path is what the server sees)."""
        if body is None:
            payload = b""
        elif isinstance(body, bytes):
            payload = body
        else:  # the client only ever sends bytes; a stream could not be hashed before sending
            raise TypeError("only a bytes body can be signed")
        if not target.startswith("/"):
            parts = urlsplit(target)
            target = parts.path + (f"?{parts.query}" if parts.query else "")
        kept = {k: v for k, v in (headers or {}).items() if k.lower() not in self._UNSIGNED}
        key_text = next((v for k, v in kept.items() if k.lower() == _IDEMPOTENCY_KEY), None)
        signature = signed_headers(
            self._key, self._terminal_id, method, target, payload, idempotency_key=key_text
        )
        return kept | signature


class _Call:
    """One call's deadline. When it passes, a timer shuts down the connections the call is
    using, which ends at once whatever read was waiting (a trickling body, an endless one, a
    header that never ends), and no retry starts after it. With a signer, each attempt the
    call's connections send is signed as it goes out."""

    def __init__(self, seconds: float, signer: _Signer | None = None) -> None:
        self.seconds = seconds
        self.signer = signer
        self.deadline = time.monotonic() + seconds
        self.expired = False
        self._done = False
        self._connections: list[HTTPConnection] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> Self:
        _current.call = self
        self._timer.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._timer.cancel()
        with self._lock:
            self._done = True
            self._connections.clear()
        _current.call = None

    def remaining(self) -> float:
        return self.deadline - time.monotonic()

    def track(self, connection: HTTPConnection) -> None:
        with self._lock:
            if self.expired:
                _cut(connection)
            elif connection not in self._connections:
                self._connections.append(connection)

    def _expire(self) -> None:
        with self._lock:
            if self._done:
                return
            self.expired = True
            for connection in self._connections:
                _cut(connection)


_current = threading.local()


def _call() -> _Call | None:
    call: _Call | None = getattr(_current, "call", None)
    return call


def _cut(connection: HTTPConnection) -> None:
    sock = connection.sock
    if sock is not None:
        # socket.socket's own shutdown, also under TLS: it wakes a recv blocked in another
        # thread, which close() does not, and leaves the TLS object to the reading thread.
        with suppress(OSError):
            socket.socket.shutdown(sock, socket.SHUT_RDWR)


class _Tracked(HTTPConnection):
    """A connection the running call's deadline can cut (it tells the call its socket), and
    which signs each request it sends when the call has a signer."""

    def connect(self) -> None:
        super().connect()
        if (call := _call()) is not None:
            call.track(self)

    def request(  # type: ignore[override]
        self,
        method: str,
        url: str,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> None:
        if (call := _call()) is not None:
            call.track(self)
            if call.signer is not None:
                headers = call.signer.headers(method, url, body, headers)
        super().request(method, url, body=body, headers=headers, **kwargs)


class _DeadlineHTTPConnection(_Tracked):
    pass


class _DeadlineHTTPSConnection(_Tracked, HTTPSConnection):
    pass


class _DeadlineHTTPPool(HTTPConnectionPool):
    ConnectionCls = _DeadlineHTTPConnection


class _DeadlineHTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _DeadlineHTTPSConnection


_POOLS: dict[str, type[HTTPConnectionPool]] = {
    "http": _DeadlineHTTPPool,
    "https": _DeadlineHTTPSPool,
}


class _Redirected(requests.RequestException):
    """A 3xx answer: never followed, never read (requests would read its whole body)."""


class _DeadlineAdapter(HTTPAdapter):
    """An adapter whose connections a call's deadline can cut, and which hands no redirect to
    the session."""

    def build_response(self, req: requests.PreparedRequest, resp: Any) -> requests.Response:
        response = super().build_response(req, resp)
        if 300 <= response.status_code < 400:
            response.close()
            raise _Redirected(response=response)
        return response

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = dict(_POOLS)

    def proxy_manager_for(self, proxy: str, **proxy_kwargs: Any) -> PoolManager:
        manager: PoolManager = super().proxy_manager_for(proxy, **proxy_kwargs)
        if type(manager) is ProxyManager:  # a SOCKS manager keeps its own pools
            manager.pool_classes_by_scheme = dict(_POOLS)
        return manager


class _DeadlineRetry(Retry):
    """Retries of idempotent reads that fit in the call's deadline: a Retry-After honoured up
    to `retry_after_cap_s`, no retry whose wait would end past the deadline, and the answer
    being retried closed rather than read to its end (it may never end)."""

    def __init__(self, *args: Any, retry_after_cap_s: float = 0.0, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.retry_after_cap_s = retry_after_cap_s

    def new(self, **kw: Any) -> Self:
        kw.setdefault("retry_after_cap_s", self.retry_after_cap_s)
        return super().new(**kw)

    def get_retry_after(self, response: BaseHTTPResponse) -> float | None:
        seconds = super().get_retry_after(response)
        return None if seconds is None else min(seconds, self.retry_after_cap_s)

    def increment(
        self,
        method: str | None = None,
        url: str | None = None,
        response: BaseHTTPResponse | None = None,
        error: Exception | None = None,
        _pool: ConnectionPool | None = None,
        _stacktrace: TracebackType | None = None,
    ) -> Self:
        retry = super().increment(method, url, response, error, _pool, _stacktrace)
        call = _call()
        if call is not None:
            wait = retry.get_backoff_time()
            if response is not None and self.respect_retry_after_header:
                wait = max(wait, retry.get_retry_after(response) or 0.0)
            if call.expired or call.remaining() <= wait:
                reason = error or ResponseError("no time left for a retry")
                raise MaxRetryError(_pool, url, reason) from reason  # type: ignore[arg-type]
        if response is not None:
            # Retried on a new connection; what this answer still had to say is not waited for.
            response.close()
        return retry


class _TimedOut(Exception):
    """The call's deadline passed while its answer was read."""


class CentralClient:
    def __init__(self, settings: CentralSettings, user_agent: str = "sheyin-kiosk/0.1") -> None:
        self.on_reachability: Callable[[bool], None] | None = None
        """Told after every call whether the central system answered (the connectivity
        monitor listens here, so the whole kiosk notices an outage at its first failed call)."""
        self._base = settings.url
        self._signer = _Signer(
            settings.terminal_id, bytes.fromhex(settings.terminal_key.get_secret_value())
        )
        self._timeout = (settings.connect_timeout_s, settings.read_timeout_s)
        self._total_timeout_s = settings.total_timeout_s
        self._max_answer_bytes = settings.max_answer_kb * 1024
        self._http = requests.Session()
        self._http.headers["User-Agent"] = user_agent
        self._http.headers["Accept"] = "application/json, application/problem+json"
        # Verification stays on; a private CA is given as a bundle, never switched off.
        self._http.verify = settings.ca_bundle or True
        retry = _DeadlineRetry(
            total=settings.read_retries,
            connect=settings.read_retries,
            read=settings.read_retries,
            status=settings.read_retries,
            redirect=0,
            raise_on_redirect=False,
            backoff_factor=0.2,
            status_forcelist=(502, 503, 504),
            allowed_methods=frozenset({"GET"}),
            raise_on_status=False,
            respect_retry_after_header=True,
            retry_after_cap_s=settings.retry_after_cap_s,
        )
        adapter = _DeadlineAdapter(max_retries=retry)
        self._http.mount("http://", adapter)
        self._http.mount("https://", adapter)
        self._probe_http = requests.Session()
        self._probe_http.headers["User-Agent"] = user_agent
        self._probe_http.verify = self._http.verify
        probe_adapter = _DeadlineAdapter(
            max_retries=_DeadlineRetry(total=0, redirect=0, raise_on_redirect=False)
        )
        self._probe_http.mount("http://", probe_adapter)
        self._probe_http.mount("https://", probe_adapter)

    def close(self) -> None:
        self._http.close()
        self._probe_http.close()

    def reachable(self) -> bool:
        """One unauthenticated health call, no retries, nothing logged above DEBUG: the
        connectivity monitor asks this every few seconds while the line is down."""
        with _Call(self._deadline_s()) as call:
            try:
                response = self._probe_http.get(
                    f"{self._base}{m.API_PREFIX}/health",
                    timeout=self._timeout,
                    stream=True,
                    allow_redirects=False,
                )
                try:
                    self._read(response, call)
                finally:
                    response.close()
            except (requests.RequestException, CentralError, _TimedOut) as exc:
                log.debug("central health: %s", type(exc).__name__)
                return False
            if call.expired:
                log.debug("central health: deadline")
                return False
        return response.status_code == 200

    def _deadline_s(self) -> float:
        """Seconds this call may take: the whole-call timeout, and within a delivery what is
        left of its entry's lease."""
        from offline_queue.delivery import lease_time_left

        left = lease_time_left()
        return self._total_timeout_s if left is None else min(self._total_timeout_s, left)

    def _read(self, response: requests.Response, call: _Call) -> bytes:
        """The answer's body, decompressed, refused once it grows past the size cap; nothing
        of a redirect's. Raises MalformedCentralResponse (a 3xx), CentralAnswerTooLarge, or
        _TimedOut when the call's deadline cut it."""
        status = response.status_code
        if 300 <= status < 400:
            raise MalformedCentralResponse(status=status)
        declared = response.headers.get("Content-Length", "").strip()
        # isascii: '²'.isdigit() holds and int('²') raises; such a length counts as unknown.
        if declared.isascii() and declared.isdigit() and int(declared) > self._max_answer_bytes:
            raise CentralAnswerTooLarge(status=status)
        parts: list[bytes] = []
        size = 0
        for chunk in response.iter_content(_CHUNK):
            size += len(chunk)
            if size > self._max_answer_bytes:
                raise CentralAnswerTooLarge(status=status)
            if call.expired:
                raise _TimedOut()
            parts.append(chunk)
        if call.expired:  # cut: what came may look complete (an answer ended by its close)
            raise _TimedOut()
        return b"".join(parts)

    # --- transport ---

    def _request(
        self,
        method: str,
        path: str,
        reply: type[R],
        body: BaseModel | bytes | None = None,
        idempotency_key: UUID | None = None,
    ) -> R:
        if isinstance(body, BaseModel):
            body = body.model_dump_json().encode("utf-8")
        payload = body or b""
        # Signed by the connection, attempt by attempt (see _Signer).
        headers: dict[str, str] = {}
        if idempotency_key:
            headers[HEADER_IDEMPOTENCY_KEY] = str(idempotency_key)
        if body is not None:
            headers["Content-Type"] = "application/json"
        status, content = self._exchange(method, path, payload or None, headers)
        self._reached(status < 500)
        return self._parse(method, path, status, content, reply)

    def _exchange(
        self, method: str, path: str, payload: bytes | None, headers: dict[str, str]
    ) -> tuple[int, bytes]:
        """One call within its deadline: the answer's status and body, or a typed error."""
        url = f"{self._base}{m.API_PREFIX}{path}"
        with _Call(self._deadline_s(), self._signer) as call:
            try:
                response = self._http.request(
                    method,
                    url,
                    data=payload,
                    headers=headers,
                    timeout=self._timeout,
                    stream=True,
                    allow_redirects=False,
                )
                try:
                    content = self._read(response, call)
                finally:
                    response.close()
            except _Redirected as exc:
                status = exc.response.status_code if exc.response is not None else None
                log.warning("central %s %s: central.malformed (redirect)", method, _route(path))
                self._reached(True)
                raise MalformedCentralResponse(status=status) from None
            except CentralError as exc:
                log.warning("central %s %s: %s", method, _route(path), exc.code)
                if call.expired:
                    self._timed_out(method, path, call)
                self._reached(True)
                raise
            except _TimedOut as exc:
                self._timed_out(method, path, call, exc)
            except requests.Timeout as exc:
                self._timed_out(method, path, call, exc)
            except requests.ConnectionError as exc:
                # Once a retried read has used up its retries, requests reports the last read
                # timeout as a ConnectionError; it is still a timeout. So is any failure once
                # the deadline has cut the call.
                reason = getattr(exc.args[0] if exc.args else None, "reason", None)
                if call.expired or isinstance(reason, ReadTimeoutError):
                    self._timed_out(method, path, call, exc)
                log.warning("central %s %s: %s", method, _route(path), type(exc).__name__)
                self._reached(False)
                raise CentralUnavailable() from exc
            except requests.RequestException as exc:
                if call.expired:
                    self._timed_out(method, path, call, exc)
                log.warning("central %s %s: %s", method, _route(path), type(exc).__name__)
                self._reached(False)
                raise CentralUnavailable() from exc
        return response.status_code, content

    def _timed_out(
        self, method: str, path: str, call: _Call, cause: BaseException | None = None
    ) -> NoReturn:
        what = f"deadline of {call.seconds:.1f} s" if call.expired else "timeout"
        log.warning("central %s %s: timeout (%s)", method, _route(path), what)
        self._reached(False)
        raise CentralTimeout() from cause

    def _reached(self, reachable: bool) -> None:
        if self.on_reachability is not None:
            self.on_reachability(reachable)

    def _parse(self, method: str, path: str, status: int, content: bytes, reply: type[R]) -> R:
        if status >= 400:
            error = self._problem(status, content)
            log.warning("central %s %s: %s", method, _route(path), error)
            raise error
        try:
            return reply.model_validate_json(content)
        except ValidationError as exc:
            log.warning("central %s %s: reply does not follow the contract", method, _route(path))
            raise MalformedCentralResponse(status=status) from exc

    @staticmethod
    def _problem(status: int, content: bytes) -> CentralError:
        try:
            problem = m.Problem.model_validate(json.loads(content))
        except (ValueError, ValidationError):
            problem = None
        # Only the contract's codes go on: a citizen's screen has words for those, not for
        # whatever else a server may say (its own code is logged, as the answer's detail).
        if status >= 500:
            if problem is not None:
                log.info("central answered %d with its own code %s", status, problem.code)
            return CentralUnavailable(status=status)
        if problem is None:
            return MalformedCentralResponse(status=status)
        known = PROBLEM_CODES.get(problem.code)
        if known is None:
            log.info(
                "central answered %d with a code outside the contract: %s", status, problem.code
            )
            return CentralRejected(status=status)
        return known[1](problem.code, status)

    # --- the contract ---

    def health(self) -> m.Health:
        return self._request("GET", "/health", m.Health)

    def identify(self, id_number: str, card_number: str | None = None) -> m.Identification:
        request = m.IdentificationRequest(id_number=id_number, card_number=card_number)
        return self._request("POST", "/identifications", m.Identification, request)

    def insurances(self, person_ref: str) -> m.InsuredStatus:
        return self._request("GET", f"/persons/{person_ref}/insurances", m.InsuredStatus)

    def contributions(self, person_ref: str) -> m.ContributionHistory:
        return self._request("GET", f"/persons/{person_ref}/contributions", m.ContributionHistory)

    def accounts(self, person_ref: str) -> m.PersonalAccounts:
        return self._request("GET", f"/persons/{person_ref}/accounts", m.PersonalAccounts)

    def benefits(self, person_ref: str) -> m.BenefitPayments:
        return self._request("GET", f"/persons/{person_ref}/benefits", m.BenefitPayments)

    def eligibility(self, person_ref: str) -> m.EligibilityStatus:
        return self._request("GET", f"/persons/{person_ref}/eligibility", m.EligibilityStatus)

    def enroll(self, request: m.EnrollmentRequest, idempotency_key: UUID) -> m.EnrollmentReceipt:
        return self._request("POST", "/enrollments", m.EnrollmentReceipt, request, idempotency_key)

    def report_card_loss(
        self, request: m.CardLossReportRequest, idempotency_key: UUID
    ) -> m.CardLossReportReceipt:
        return self._request(
            "POST", "/card-loss-reports", m.CardLossReportReceipt, request, idempotency_key
        )

    def send_write(self, path: str, body: bytes, reply: type[R], idempotency_key: UUID) -> R:
        """A write whose body was serialised earlier (by the outbox): sent byte for byte, so
        every retry carries the same request under the same key."""
        return self._request("POST", path, reply, body, idempotency_key)

    def issue_certificate(
        self, request: m.CertificateRequest, idempotency_key: UUID
    ) -> m.IssuedCertificate:
        return self._request("POST", "/certificates", m.IssuedCertificate, request, idempotency_key)

    def certificate_status(self, verification_code: str) -> m.CertificateVerification:
        """Public: anyone may ask whether a verification code was issued."""
        return self._request("GET", f"/certificates/{verification_code}", m.CertificateVerification)

    def payables(self, person_ref: str) -> m.PayableItems:
        return self._request("GET", f"/persons/{person_ref}/payables", m.PayableItems)

    def payment_order(self, order_id: UUID) -> m.PaymentOrder:
        return self._request("GET", f"/payment-orders/{order_id}", m.PaymentOrder)

    def card_application(self, application_id: UUID) -> m.CardApplicationStatus:
        return self._request("GET", f"/card-applications/{application_id}", m.CardApplicationStatus)

    def receipt_progress(self, receipt_number: str) -> m.ReceiptProgress:
        return self._request("GET", f"/receipts/{receipt_number}", m.ReceiptProgress)

    def help_requests(self) -> m.HelpRequests:
        """The branch's open help requests (a staff terminal shows them)."""
        return self._request("GET", "/help-requests", m.HelpRequests)

    def technician_login(self, technician_id: str, pin: str) -> m.TechnicianGrant:
        """CentralRejected `technician.refused` for a wrong number or PIN (which, it does not
        say); CentralUnavailable when the line is down."""
        request = m.TechnicianLoginRequest(technician_id=technician_id, pin=pin)
        return self._request("POST", "/technician-logins", m.TechnicianGrant, request)

    def staff_login(self, staff_id: str, pin: str) -> m.StaffGrant:
        """CentralRejected `staff.refused` for a wrong number or PIN (which, it does not say);
        CentralUnavailable when the line is down."""
        request = m.StaffLoginRequest(staff_id=staff_id, pin=pin)
        return self._request("POST", "/staff-logins", m.StaffGrant, request)

    def audit_anchors(self) -> m.AuditAnchors:
        """This terminal's audit anchors as the central system keeps them."""
        return self._request("GET", "/audit-anchors", m.AuditAnchors)


def _route(path: str) -> str:
    """The path with the person reference cut out, for logs."""
    parts = path.split("/")
    if len(parts) > 2 and parts[1] in ("persons", "receipts", "certificates", "payment-orders"):
        parts[2] = "{ref}"
    return "/".join(parts)
