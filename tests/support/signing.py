"""Requests signed by hand as the demo terminal, for tests that speak HTTP without the client."""

from __future__ import annotations

from collections.abc import Mapping

from kiosk.central.signing import (
    HEADER_IDEMPOTENCY_KEY,
    HEADER_NONCE,
    HEADER_SIGNATURE,
    HEADER_TERMINAL,
    HEADER_TIMESTAMP,
    canonical_request,
    signature_matches,
    signed_headers,
)
from sandbox.credentials import DEMO_TERMINAL_ID, DEMO_TERMINAL_KEY

DEMO_KEY = bytes.fromhex(DEMO_TERMINAL_KEY)


def signed(
    method: str,
    path: str,
    body: bytes = b"",
    *,
    key: str | None = None,
    timestamp: int | None = None,
    nonce: str | None = None,
) -> dict[str, str]:
    """Headers of a JSON request by the demo terminal: signed now with a fresh nonce unless
    `timestamp`/`nonce` are given; `key` is the Idempotency-Key."""
    headers = signed_headers(
        DEMO_KEY,
        DEMO_TERMINAL_ID,
        method,
        path,
        body,
        idempotency_key=key,
        timestamp=timestamp,
        nonce=nonce,
    )
    headers["Content-Type"] = "application/json"
    if key is not None:
        headers[HEADER_IDEMPOTENCY_KEY] = key
    return headers


def signature_holds(
    method: str, path: str, headers: Mapping[str, str], body: bytes, key: bytes = DEMO_KEY
) -> bool:
    """Whether a request as a server received it (header names in lower case) carries a valid
    signature of the demo terminal."""
    canonical = canonical_request(
        method,
        path,
        timestamp=int(headers[HEADER_TIMESTAMP.lower()]),
        nonce=headers[HEADER_NONCE.lower()],
        terminal_id=headers[HEADER_TERMINAL.lower()],
        idempotency_key=headers.get(HEADER_IDEMPOTENCY_KEY.lower()),
        body=body,
    )
    return signature_matches(key, canonical, headers[HEADER_SIGNATURE.lower()])
