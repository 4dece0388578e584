"""Certificate signatures: Ed25519 over the content's JSON, by the central system.

The terminal holds only the public key (`central.certificate_public_key`), so a certificate
is verifiable without trusting the terminal that printed it. The private key stays with the
central system (the sandbox keeps its own, in sandbox/credentials.py)."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey


def sign(private_key: Ed25519PrivateKey, content_json: str) -> str:
    return private_key.sign(content_json.encode("utf-8")).hex()


def signature_valid(public_key_hex: str, content_json: str, signature_hex: str) -> bool:
    try:
        key = Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_key_hex))
        key.verify(bytes.fromhex(signature_hex), content_json.encode("utf-8"))
    except (InvalidSignature, ValueError):
        return False
    return True


def digest(content_json: str) -> str:
    return hashlib.sha256(content_json.encode("utf-8")).hexdigest()
