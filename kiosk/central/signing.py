"""Terminal request signatures: HMAC-SHA256 over method, path, timestamp, terminal, key and body."""

from __future__ import annotations

import hashlib
import hmac

HEADER_TERMINAL = "X-Sheyin-Terminal"
HEADER_TIMESTAMP = "X-Sheyin-Timestamp"
HEADER_SIGNATURE = "X-Sheyin-Signature"
HEADER_IDEMPOTENCY_KEY = "Idempotency-Key"
MAX_CLOCK_SKEW_S = 300


def canonical_request(
    method: str,
    path_and_query: str,
    *,
    timestamp: int,
    terminal_id: str,
    idempotency_key: str | None,
    body: bytes,
) -> bytes:
    return "\n".join(
        (
            method.upper(),
            path_and_query,
            str(timestamp),
            terminal_id,
            idempotency_key or "",
            hashlib.sha256(body).hexdigest(),
        )
    ).encode("utf-8")


def sign(key: bytes, canonical: bytes) -> str:
    return hmac.new(key, canonical, hashlib.sha256).hexdigest()


def signature_matches(key: bytes, canonical: bytes, signature: str) -> bool:
    return hmac.compare_digest(sign(key, canonical), signature)
