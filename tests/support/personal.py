"""What of the demo citizens must never reach a log, a help request or a bystander's eyes."""

from __future__ import annotations

from sandbox.citizens import DEMO_CITIZENS


def demo_personal_data() -> dict[str, str]:
    """Each demo citizen's name, ID number, address, mobile and card number, by what it is
    (for a failure message)."""
    found: dict[str, str] = {}
    for citizen in DEMO_CITIZENS:
        found[citizen.name] = f"{citizen.key}'s name"
        found[citizen.id_number] = f"{citizen.key}'s ID number"
        found[citizen.address] = f"{citizen.key}'s address"
        found[citizen.mobile] = f"{citizen.key}'s mobile number"
        if citizen.card is not None:
            found[citizen.card.card_number] = f"{citizen.key}'s card number"
    return found
