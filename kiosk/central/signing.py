"""Terminal request signatures: HMAC-SHA256 over method, path, timestamp, nonce, terminal, key
and body.

Each attempt of a request is signed anew, with a fresh nonce: the central system refuses a
nonce it has seen within the clock window, so the same signed bytes are never accepted twice.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

HEADER_TERMINAL = "X-Sheyin-Terminal"
HEADER_TIMESTAMP = "X-Sheyin-Timestamp"
HEADER_NONCE = "X-Sheyin-Nonce"
HEADER_SIGNATURE = "X-Sheyin-Signature"
HEADER_IDEMPOTENCY_KEY = "Idempotency-Key"
SIGNATURE_HEADERS = (HEADER_TERMINAL, HEADER_TIMESTAMP, HEADER_NONCE, HEADER_SIGNATURE)
"""The headers `signed_headers` makes; any earlier values of them are replaced, not added to."""
MAX_CLOCK_SKEW_S = 300
NONCE_BYTES = 16
"""128 random bits, sent as 32 lower-case hex digits."""


def new_nonce() -> str:
    return secrets.token_hex(NONCE_BYTES)


def canonical_request(
    method: str,
    path_and_query: str,
    *,
    timestamp: int,
    nonce: str,
    terminal_id: str,
    idempotency_key: str | None,
    body: bytes,
) -> bytes:
    return "\n".join(
        (
            method.upper(),
            path_and_query,
            str(timestamp),
            nonce,
            terminal_id,
            idempotency_key or "",
            hashlib.sha256(body).hexdigest(),
        )
    ).encode("utf-8")


def sign(key: bytes, canonical: bytes) -> str:
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def signature_matches(key: bytes, canonical: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key, canonical), signature)


def signed_headers(
    key: bytes,
    terminal_id: str,
    method: str,
    path_and_query: str,
    body: bytes,
    *,
    idempotency_key: str | None = None,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """The authentication headers of one attempt: now and a fresh nonce unless given (tests
    give them to make replays)."""
    signed_at = int(time.time()) if timestamp is None else timestamp
    once = new_nonce() if nonce is None else nonce
    canonical = canonical_request(
        method,
        path_and_query,
        timestamp=signed_at,
        nonce=once,
        terminal_id=terminal_id,
        idempotency_key=idempotency_key,
        body=body,
    )
    return {
        HEADER_TERMINAL: terminal_id,
        HEADER_TIMESTAMP: str(signed_at),
        HEADER_NONCE: once,
        HEADER_SIGNATURE: sign(key, canonical),
    }
