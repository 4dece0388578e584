"""The issuer's cryptogram for EXTERNAL AUTHENTICATE: computed by whoever holds the issuer key
(the central system's issuing back-end) and checked by the chip."""

from __future__ import annotations


def issuer_cryptogram(key: bytes, challenge: bytes) -> bytes:
    """EXTERNAL AUTHENTICATE data for a challenge: AES-CMAC under the issuer key."""
    # Imported here: only issuance needs it, and it costs the kiosk's start ~50 ms.
    from cryptography.hazmat.primitives.ciphers import algorithms
    from cryptography.hazmat.primitives.cmac import CMAC

    mac = CMAC(algorithms.AES(key))
    mac.update(challenge)
    return mac.finalize()
