"""Terminal authentication as a real central system does it, in front of every route.

An ASGI middleware, so that nothing is read before the terminal is known to be plausible:

1. the route is looked up; routes without `Terminal` (health, public certificate
   verification, the sandbox's loopback controls) and unknown routes skip steps 2-5 and 8-9;
2. the headers' formats: terminal id, timestamp (decimal Unix seconds), nonce (32 lower-case
   hex), signature (64 lower-case hex), Idempotency-Key (a UUID) when present; a header sent
   twice is malformed;
3. the timestamp within ±300 s of the server's clock (`auth.signature_stale`);
4. the terminal known (`auth.terminal_unknown`);
5. a nonce already seen from this terminal (`auth.replayed`), reads and writes alike;
6. the declared Content-Length against the limit (`413 request.too_large`, nothing read);
7. the body read, counted as it arrives (chunked bodies too), never more than the limit;
8. the signature over the canonical request, which holds the nonce and the body's SHA-256;
9. the nonce recorded as seen (`auth.replayed` if another request got there first), only now
   that the signature holds: a forger cannot use up a terminal's nonces.

Only then does a route see the request, with the body replayed from memory. So an
unauthenticated client gets at most `max_body_bytes` read from it, and only if it knows a
terminal id and the time. Every refusal is problem+json; one made before the whole body was
read closes the connection, so the server never drains what it did not want.

Replays: the client signs every attempt anew with a fresh nonce (urllib3's retries included),
so the same signed bytes never legitimately come twice: a byte-for-byte repeat of any request,
a write's too, is refused. A write's legitimate retry is a new attempt with a new nonce under
the same Idempotency-Key, and the idempotency store answers it with the first answer.
"""

from __future__ import annotations

import heapq
import logging
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kiosk.central.signing import (
    HEADER_IDEMPOTENCY_KEY,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TERMINAL,
    HEADER_TIMESTAMP,
    MAX_CLOCK_SKEW_S,
    canonical_request,
    signature_matches,
)
from sandbox.db import Database
from sandbox.http import TERMINAL_STATE, problem_response, verified_terminal

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1024 * 1024
"""The largest request body the sandbox reads (a proof of life's frame is a few 100 KB)."""

TERMINAL_FORMAT = re.compile(rb"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
TIMESTAMP_FORMAT = re.compile(rb"0|[1-9][0-9]{0,11}")
SIGNATURE_FORMAT = re.compile(rb"[0-9a-f]{64}")
NONCE_FORMAT = re.compile(rb"[0-9a-f]{32}")
UUID_FORMAT = re.compile(
    rb"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)


class ReplayCache:
    """Nonces seen per terminal, each kept for the clock window after its timestamp or its
    first sighting, whichever is later: a request carrying it again is refused while its
    timestamp could still be accepted, whatever that timestamp is.

    In memory, on the event loop's one thread: a check and its record are one step. A real
    central system shares it between its instances (and a sandbox restart forgets it)."""

    def __init__(
        self, window_s: int = MAX_CLOCK_SKEW_S, clock: Callable[[], float] = time.time
    ) -> None:
        self._window_s = window_s
        self._clock = clock
        self._seen: set[tuple[str, str]] = set()
        self._expiry: list[tuple[float, tuple[str, str]]] = []

    def __len__(self) -> int:
        self._prune()
        return len(self._seen)

    def seen(self, terminal_id: str, nonce: str) -> bool:
        self._prune()
        return (terminal_id, nonce) in self._seen

    def record(self, terminal_id: str, nonce: str, timestamp: int) -> bool:
        """Records a nonce's first sighting; False if it was seen before (a replay)."""
        if self.seen(terminal_id, nonce):
            return False
        key = (terminal_id, nonce)
        self._seen.add(key)
        expires = max(float(timestamp), self._clock()) + self._window_s + 1
        heapq.heappush(self._expiry, (expires, key))
        return True

    def _prune(self) -> None:
        now = self._clock()
        while self._expiry and self._expiry[0][0] < now:
            _, key = heapq.heappop(self._expiry)
            self._seen.discard(key)


class Refusal(Exception):
    def __init__(self, status: int, code: str, detail: str | None = None) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class Claim:
    """What the headers say, checked for format, clock and terminal; not yet the signature."""

    terminal_id: str
    timestamp: int
    nonce: str
    signature: str
    idempotency_key: str | None
    key: bytes


class _ClientGone(Exception):
    pass


class TerminalAuth:
    """ASGI middleware: see the module's docstring for what is checked, in which order."""

    def __init__(
        self,
        app: ASGIApp,
        db: Database,
        routes: Sequence[BaseRoute],
        *,
        max_body_bytes: int = MAX_BODY_BYTES,
        replays: ReplayCache | None = None,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.app = app
        self.db = db
        self.routes = routes
        self.max_body_bytes = max_body_bytes
        self.replays = replays or ReplayCache(clock=clock)
        self.clock = clock
        self._signed: dict[int, bool] = {}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        has_body = b"content-length" in headers or b"transfer-encoding" in headers
        try:
            claim = self._claim(scope, headers) if self._needs_signature(scope) else None
            declared = _content_length(headers)
            if declared is not None and declared > self.max_body_bytes:
                raise _too_large(self.max_body_bytes)
        except Refusal as refusal:
            await _refuse(scope, send, refusal, close=has_body)
            return
        try:
            body = await _read_body(receive, self.max_body_bytes)
        except _ClientGone:
            return
        if body is None:
            await _refuse(scope, send, _too_large(self.max_body_bytes), close=True)
            return
        if claim is not None:
            try:
                self._verify(scope, claim, body)
            except Refusal as refusal:
                await _refuse(scope, send, refusal, close=False)
                return
            scope = {
                **scope,
                "state": {**scope.get("state", {}), TERMINAL_STATE: claim.terminal_id},
            }
        await self.app(scope, _replaying(body, receive), send)

    # --- the checks ---

    def _claim(self, scope: Scope, headers: dict[bytes, list[bytes]]) -> Claim:
        terminal = _single(headers, HEADER_TERMINAL)
        timestamp = _single(headers, HEADER_TIMESTAMP)
        nonce = _single(headers, HEADER_NONCE)
        signature = _single(headers, HEADER_SIGNATURE)
        if not terminal or not timestamp or not nonce or not signature:
            raise Refusal(401, "auth.signature_missing")
        if not TERMINAL_FORMAT.fullmatch(terminal):
            raise Refusal(401, "auth.header_invalid", HEADER_TERMINAL)
        if not TIMESTAMP_FORMAT.fullmatch(timestamp):
            raise Refusal(401, "auth.header_invalid", HEADER_TIMESTAMP)
        if not NONCE_FORMAT.fullmatch(nonce):
            raise Refusal(401, "auth.header_invalid", HEADER_NONCE)
        if not SIGNATURE_FORMAT.fullmatch(signature):
            raise Refusal(401, "auth.header_invalid", HEADER_SIGNATURE)
        idempotency_key = None
        if HEADER_IDEMPOTENCY_KEY.lower().encode() in headers:
            raw_key = _single(headers, HEADER_IDEMPOTENCY_KEY)
            if raw_key is None or not UUID_FORMAT.fullmatch(raw_key):
                raise Refusal(400, "idempotency.key_invalid")
            idempotency_key = raw_key.decode("ascii")
        terminal_id = terminal.decode("ascii")
        signed_at = int(timestamp)
        if abs(self.clock() - signed_at) > MAX_CLOCK_SKEW_S:
            raise Refusal(401, "auth.signature_stale")
        with self.db.transaction() as tx:
            row = tx.execute(
                "SELECT key_hex FROM terminals WHERE terminal_id = ?", (terminal_id,)
            ).fetchone()
        if row is None:
            raise Refusal(401, "auth.terminal_unknown")
        claim = Claim(
            terminal_id,
            signed_at,
            nonce.decode("ascii"),
            signature.decode("ascii"),
            idempotency_key,
            bytes.fromhex(row["key_hex"]),
        )
        # Refused before the body is read; recorded only once the signature holds (_verify).
        if self.replays.seen(claim.terminal_id, claim.nonce):
            raise Refusal(401, "auth.replayed")
        return claim

    def _verify(self, scope: Scope, claim: Claim, body: bytes) -> None:
        query = scope.get("query_string", b"")
        path = scope.get("raw_path") or scope["path"].encode()
        path_and_query = path.decode("latin-1") + (f"?{query.decode('latin-1')}" if query else "")
        canonical = canonical_request(
            scope["method"],
            path_and_query,
            timestamp=claim.timestamp,
            nonce=claim.nonce,
            terminal_id=claim.terminal_id,
            idempotency_key=claim.idempotency_key,
            body=body,
        )
        if not signature_matches(claim.key, canonical, claim.signature):
            raise Refusal(401, "auth.signature_invalid")
        # Another request with this nonce may have been read meanwhile: the first one wins.
        if not self.replays.record(claim.terminal_id, claim.nonce, claim.timestamp):
            raise Refusal(401, "auth.replayed")

    def _needs_signature(self, scope: Scope) -> bool:
        """Whether the route this request goes to takes `Terminal`. Unknown routes do not: the
        application answers them 404/405 as anyone's."""
        for route in self.routes:
            match, _ = route.matches(scope)
            if match is Match.FULL:
                return self._takes_terminal(route)
        return False

    def _takes_terminal(self, route: BaseRoute) -> bool:
        known = self._signed.get(id(route))
        if known is None:
            known = isinstance(route, APIRoute) and _depends_on(route.dependant, verified_terminal)
            self._signed[id(route)] = known
        return known


def _depends_on(dependant: Dependant, call: Callable[..., object]) -> bool:
    return any(d.call is call or _depends_on(d, call) for d in dependant.dependencies)


def _headers(scope: Scope) -> dict[bytes, list[bytes]]:
    headers: dict[bytes, list[bytes]] = {}
    for name, value in scope.get("headers", []):
        headers.setdefault(bytes(name).lower(), []).append(bytes(value))
    return headers


def _single(headers: dict[bytes, list[bytes]], name: str) -> bytes | None:
    """The header's one value; a header sent twice is as good as a malformed one."""
    values = headers.get(name.lower().encode())
    if not values:
        return None
    if len(values) > 1:
        raise Refusal(401 if name != HEADER_IDEMPOTENCY_KEY else 400, _duplicate_code(name), name)
    return values[0]


def _duplicate_code(name: str) -> str:
    return "idempotency.key_invalid" if name == HEADER_IDEMPOTENCY_KEY else "auth.header_invalid"


def _content_length(headers: dict[bytes, list[bytes]]) -> int | None:
    values = headers.get(b"content-length")
    if not values:
        return None
    if len(values) > 1 or not values[0].isdigit() or len(values[0]) > 18:
        raise Refusal(400, "request.invalid", "Content-Length")
    return int(values[0])


def _too_large(limit: int) -> Refusal:
    return Refusal(413, "request.too_large", f"at most {limit} bytes")


async def _read_body(receive: Receive, limit: int) -> bytes | None:
    """The whole body, or None as soon as it passes `limit` (the rest is never read)."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise _ClientGone()
        chunk: bytes = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replaying(body: bytes, receive: Receive) -> Receive:
    delivered = False

    async def replay() -> Message:
        nonlocal delivered
        if not delivered:
            delivered = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()

    return replay


async def _refuse(scope: Scope, send: Send, refusal: Refusal, *, close: bool) -> None:
    response = problem_response(refusal.status, refusal.code, refusal.detail)
    if close:
        # What the client still sends is never read: the connection ends with the answer.
        response.headers["Connection"] = "close"
    log.info("sandbox refused a request: %s", refusal.code)

    async def nothing() -> Message:
        return {"type": "http.disconnect"}

    await response(scope, nothing, send)
