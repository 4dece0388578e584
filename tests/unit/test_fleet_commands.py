"""Remote commands: only what the operations centre signed, for this terminal, still valid and
well formed, is taken; each refusal names its reason."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.fleet.commands import (
    CommandRefused,
    Refusal,
    Verb,
    new_command,
    public_key,
    sign,
    verify,
)

NOW = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
CENTRE = Ed25519PrivateKey.generate()
KEY = CENTRE.public_key()


def refusal(payload: bytes, key: Ed25519PublicKey | None = KEY, terminal: str = "T-1") -> Refusal:
    with pytest.raises(CommandRefused) as refused:
        verify(payload, key, terminal, max_age=DAY, now=NOW)
    return refused.value.refusal


def signed(**changes: object) -> bytes:
    fields = json.loads(sign(new_command("T-1", Verb.LOGS, {"lines": 5}, now=NOW), CENTRE))
    fields.update(changes)
    fields.pop("signature")
    from kiosk.fleet.commands import canonical

    fields["signature"] = base64.b64encode(CENTRE.sign(canonical(fields))).decode()
    return json.dumps(fields).encode()


def test_a_signed_command_for_this_terminal_is_taken() -> None:
    command = new_command("T-1", Verb.LOGS, {"lines": 5, "level": "WARNING"}, now=NOW)
    taken = verify(sign(command, CENTRE), KEY, "T-1", max_age=DAY, now=NOW)
    assert taken == command


def test_the_public_key_setting_is_the_raw_key_in_hex() -> None:
    raw = KEY.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    command = new_command("T-1", Verb.SCREENSHOT, now=NOW)
    assert verify(sign(command, CENTRE), public_key(raw.hex()), "T-1", max_age=DAY, now=NOW)


def test_a_changed_field_breaks_the_signature() -> None:
    fields = json.loads(sign(new_command("T-1", Verb.LOGS, {"lines": 5}, now=NOW), CENTRE))
    fields["verb"] = "reboot"
    assert refusal(json.dumps(fields).encode()) is Refusal.BAD_SIGNATURE


def test_another_key_is_a_bad_signature() -> None:
    forged = sign(new_command("T-1", Verb.REBOOT, now=NOW), Ed25519PrivateKey.generate())
    assert refusal(forged) is Refusal.BAD_SIGNATURE


def test_garbage_in_the_signature_is_a_bad_signature() -> None:
    fields = json.loads(sign(new_command("T-1", Verb.REBOOT, now=NOW), CENTRE))
    fields["signature"] = "not base64!"
    assert refusal(json.dumps(fields).encode()) is Refusal.BAD_SIGNATURE


def test_unsigned() -> None:
    fields = new_command("T-1", Verb.REBOOT, now=NOW).unsigned()
    assert refusal(json.dumps(fields).encode()) is Refusal.UNSIGNED


def test_signed_for_another_terminal() -> None:
    assert refusal(sign(new_command("T-2", Verb.REBOOT, now=NOW), CENTRE)) is (
        Refusal.WRONG_TERMINAL
    )


def test_expired() -> None:
    old = new_command("T-1", Verb.REBOOT, now=NOW - timedelta(hours=1))
    assert refusal(sign(old, CENTRE)) is Refusal.EXPIRED


def test_valid_for_longer_than_the_terminal_remembers_ids() -> None:
    long = new_command("T-1", Verb.REBOOT, valid_for=timedelta(days=30), now=NOW)
    assert refusal(sign(long, CENTRE)) is Refusal.EXPIRY_TOO_FAR


def test_issued_in_the_future_beyond_clock_skew() -> None:
    early = new_command("T-1", Verb.REBOOT, now=NOW + timedelta(hours=1))
    assert refusal(sign(early, CENTRE)) is Refusal.EXPIRY_TOO_FAR


def test_unknown_verb_even_when_signed() -> None:
    assert refusal(signed(verb="format-disk")) is Refusal.UNKNOWN_VERB


@pytest.mark.parametrize(
    "args",
    [{"lines": 0}, {"lines": 501}, {"lines": "5"}, {"level": "LOUD"}, {"path": "/etc/shadow"}],
)
def test_bad_arguments_even_when_signed(args: dict[str, object]) -> None:
    assert refusal(signed(args=args)) is Refusal.BAD_ARGUMENTS


def test_a_verb_without_arguments_takes_none() -> None:
    assert refusal(signed(verb="reboot", args={"now": 1})) is Refusal.BAD_ARGUMENTS


@pytest.mark.parametrize(
    "payload", [b"", b"not json", b"[1, 2]", b"\xff\xfe", b"{" + b" " * 200_000 + b"}"]
)
def test_malformed(payload: bytes) -> None:
    assert refusal(payload) is Refusal.MALFORMED


def test_signed_but_without_a_time_zone_is_malformed() -> None:
    assert refusal(signed(expires_at="2026-12-08T10:00:00")) is Refusal.MALFORMED


def test_no_key_on_the_terminal_takes_nothing() -> None:
    command = new_command("T-1", Verb.SCREENSHOT, now=NOW)
    assert refusal(sign(command, CENTRE), key=None) is Refusal.NO_KEY


def test_a_refusal_names_the_command_it_could_read() -> None:
    command = new_command("T-2", Verb.REBOOT, now=NOW)
    with pytest.raises(CommandRefused) as refused:
        verify(sign(command, CENTRE), KEY, "T-1", max_age=DAY, now=NOW)
    assert refused.value.command_id == command.id


def test_the_centre_cannot_make_a_command_with_bad_arguments() -> None:
    with pytest.raises(ValueError, match="lines"):
        new_command("T-1", Verb.LOGS, {"lines": 10_000})
