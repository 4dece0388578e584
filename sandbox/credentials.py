"""The sandbox's own secrets: the demo terminal's key, the certificate-signing key and the card
issuer key. They are published with the source, so no terminal may accept them outside the demo
(kiosk.config refuses the demo terminal key by its fingerprint)."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

DEMO_TERMINAL_ID = "DEMO-KIOSK-0001"
DEMO_TERMINAL_KEY = "5a1e7d0c9b3f4e8a2c6d1f0e9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"

# The sandbox's certificate-signing key (32-byte Ed25519 seed). Never a production key.
DEMO_SIGNING_SEED = "6c1f3a9e2b7d4c8f0a5e1d3b9c7f2a4e8d6b0c3f5a7e9d1b2c4f6a8e0d2b4c6f"

# The issuer key of the demo's cards and of the card issuer simulator's blank chips. The real one
# never leaves the issuing back-end.
DEMO_ISSUER_KEY = bytes.fromhex("000102030405060708090A0B0C0D0E0F")


def signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(bytes.fromhex(DEMO_SIGNING_SEED))


def certificate_public_key_hex() -> str:
    """What a demo terminal configures as `central.certificate_public_key`."""
    raw = signing_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return raw.hex()
