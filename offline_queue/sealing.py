"""Payload encryption at rest: AES-256-GCM under a key kept in a 0600 key file.

Two keys are derived from the file's secret with HKDF: one seals payloads (associated data: the
entry id and kind, so a sealed payload cannot be moved to another entry), one turns ordering
keys such as an ID number into digests that can be compared but not read.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from offline_queue.errors import KeyFileInsecure, OutboxKeyMismatch

SECRET_BYTES = 32
NONCE_BYTES = 12
KEY_CHECK = b"sheyin outbox key check"


class SealError(Exception):
    """A sealed value did not open: wrong key, or the bytes were changed."""


def load_or_create_secret(path: Path, *, create: bool) -> bytes:
    """The key file's secret; a new file (mode 0600) only when `create` is allowed."""
    try:
        return _read_secret(path)
    except FileNotFoundError:
        if not create:
            raise OutboxKeyMismatch(f"key file {path} is missing") from None
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_bytes(SECRET_BYTES)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as file:
        file.write(secret.hex() + "\n")
        file.flush()
        os.fsync(file.fileno())
    return secret


def _read_secret(path: Path) -> bytes:
    mode = path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise KeyFileInsecure(f"key file {path} is readable by others (mode {mode & 0o777:o})")
    try:
        secret = bytes.fromhex(path.read_text(encoding="ascii").strip())
    except (ValueError, UnicodeDecodeError):
        raise OutboxKeyMismatch(f"key file {path} does not hold a hex key") from None
    if len(secret) != SECRET_BYTES:
        raise OutboxKeyMismatch(f"key file {path} does not hold a {SECRET_BYTES}-byte key")
    return secret


class Sealer:
    def __init__(self, secret: bytes) -> None:
        self._aead = AESGCM(_derive(secret, b"sheyin outbox payload"))
        self._digest_key = _derive(secret, b"sheyin outbox ordering")

    def seal(self, plain: bytes, associated: bytes) -> bytes:
        nonce = secrets.token_bytes(NONCE_BYTES)
        return nonce + self._aead.encrypt(nonce, plain, associated)

    def open(self, sealed: bytes, associated: bytes) -> bytes:
        try:
            return self._aead.decrypt(sealed[:NONCE_BYTES], sealed[NONCE_BYTES:], associated)
        except (InvalidTag, ValueError):
            raise SealError() from None

    def digest(self, text: str) -> str:
        return hmac.new(self._digest_key, text.encode("utf-8"), hashlib.sha256).hexdigest()

    def key_check(self) -> bytes:
        return self.seal(KEY_CHECK, b"key-check")

    def matches(self, key_check: bytes) -> bool:
        try:
            return self.open(key_check, b"key-check") == KEY_CHECK
        except SealError:
            return False


def _derive(secret: bytes, purpose: bytes) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=purpose).derive(secret)
