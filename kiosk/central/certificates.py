"""Certificate signatures: Ed25519 over the content's JSON, by the central system.

The terminal holds only the public key (`central.certificate_public_key`), so a certificate
is verifiable without trusting the terminal that printed it. The sandbox signs with a fixed
demo key; a real central system keeps its private key to itself."""

from __future__ import annotations

import hashlib

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

# The sandbox's demo signing key (32-byte Ed25519 seed). Never a production key.
DEMO_SIGNING_SEED = "6c1f3a9e2b7d4c8f0a5e1d3b9c7f2a4e8d6b0c3f5a7e9d1b2c4f6a8e0d2b4c6f"


def demo_private_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(DEMO_SIGNING_SEED))


def demo_public_key_hex() -> str:
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    raw = demo_private_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return raw.hex()


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
