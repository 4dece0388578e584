"""The sandbox's published secrets: the demo terminal's key and the card issuer key. They ship
with the source, so no terminal may accept them outside the demo (kiosk.config refuses the demo
terminal key by its fingerprint). The certificate-signing key is not here: each sandbox database
makes its own (sandbox/db.py), and hands out only its public half (sandbox/certificates.py)."""

from __future__ import annotations

DEMO_TERMINAL_ID = "DEMO-KIOSK-0001"
DEMO_TERMINAL_KEY = "5a1e7d0c9b3f4e8a2c6d1f0e9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d3e2f1a0b"

# The issuer key of the demo's cards and of the card issuer simulator's blank chips. The real one
# never leaves the issuing back-end.
DEMO_ISSUER_KEY = bytes.fromhex("000102030405060708090A0B0C0D0E0F")

# The demo's technician: number and PIN (a real central system keeps its technicians' PINs as
# slow hashes in its staff directory).
DEMO_TECHNICIANS = {"T0007": "246810"}

# The demo's bank staff for the staff terminal: number and PIN (as the technicians' above).
DEMO_STAFF = {"S0101": "135790", "S0102": "246802"}
