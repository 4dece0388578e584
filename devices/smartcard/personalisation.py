"""Personalising a blank chip in the issuer's chip station: the terminal's side.

The issuer key never reaches the kiosk: the chip's challenge goes to the central system, whose
script starts with the EXTERNAL AUTHENTICATE answer and then writes the records. The kiosk runs
the script step by step, checking each status word, and, in the same chip session (the issuer
authentication lasts until the card is powered off), sets the citizen's PIN with RESET PIN."""

from __future__ import annotations

from collections.abc import Sequence

from devices.smartcard.apdu import Command
from devices.smartcard.errors import CardCommandFailed, CardError, MalformedCardResponse
from devices.smartcard.ssse import SsseApplication, encode_pin

CHALLENGE_LENGTH = 8


class ChipWriteFailed(CardError):
    """A personalisation step did not answer what the script expected."""

    code = "card.write_failed"

    def __init__(self, step: int, sw: int) -> None:
        super().__init__(f"step {step}: SW {sw:04X}")
        self.step = step
        self.sw = sw


def get_challenge(app: SsseApplication) -> bytes:
    response = app.exchange(Command(0x00, 0x84, 0x00, 0x00, le=CHALLENGE_LENGTH))
    if not response.ok:
        raise CardCommandFailed(response.sw, "GET CHALLENGE")
    if len(response.data) != CHALLENGE_LENGTH:
        raise MalformedCardResponse("challenge of the wrong length")
    return response.data


def run_script(app: SsseApplication, steps: Sequence[tuple[bytes, int]]) -> None:
    """Sends each (command APDU, expected SW) in order; stops at the first surprise.

    The script comes from outside (the central system): every step is checked before the first
    is sent, so a broken script writes nothing. MalformedCardResponse names the step."""
    commands: list[tuple[Command, int]] = []
    for index, (apdu, expected) in enumerate(steps):
        try:
            command = Command.parse(apdu)
        except ValueError:
            raise MalformedCardResponse(f"step {index} is not an APDU") from None
        if not 0x6000 <= expected <= 0x9FFF or expected >> 8 in (0x60, 0x61, 0x6C):
            raise MalformedCardResponse(f"step {index} expects no status word")
        commands.append((command, expected))
    for index, (command, expected) in enumerate(commands):
        response = app.exchange(command)
        if response.sw != expected:
            raise ChipWriteFailed(index, response.sw)


def reset_pin(app: SsseApplication, pin: str) -> None:
    """RESET PIN (80 5E 00 00, new PIN): allowed only while the issuer is authenticated."""
    response = app.exchange(Command(0x80, 0x5E, 0x00, 0x00, encode_pin(pin)))
    if not response.ok:
        raise ChipWriteFailed(-1, response.sw)
