"""A remote command as it travels: JSON signed by the operations centre with Ed25519.

The signature covers the canonical form of every field but itself (keys sorted, no spaces,
UTF-8), the terminal's id among them, so a command for one terminal is worthless on another.
Checked in this order: the form, the signature, the terminal, the expiry, the arguments; the
journal (kiosk.fleet.journal) then refuses an id it has seen."""

from __future__ import annotations

import base64
import binascii
import enum
import json
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # cryptography loads with the first command, not with `sheyin`'s parser
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
        Ed25519PublicKey,
    )

MAX_LOG_LINES = 500
MAX_SETTINGS_BYTES = 64 * 1024
MAX_COMMAND_BYTES = 96 * 1024
CLOCK_SKEW = timedelta(minutes=5)
"""A command issued this far in the terminal's future is still taken (the centre's clock)."""


class Verb(enum.StrEnum):
    OUT_OF_SERVICE = "out-of-service"
    """暂停服务 once the citizen being served has finished, until `in-service`."""
    IN_SERVICE = "in-service"
    RESTART = "restart"
    """The application, once no citizen is being served."""
    REBOOT = "reboot"
    """The machine, once no citizen is being served."""
    SELF_TEST = "self-test"
    SCREENSHOT = "screenshot"
    """Only of the attract or out-of-service screen, never a citizen's."""
    LOGS = "logs"
    RETRY_DEAD_LETTERS = "retry-dead-letters"
    LOAD_SETTINGS = "load-settings"
    """A whole new settings file, checked, then applied by a restart once no citizen is served."""


ENDS_BY_RESTARTING = frozenset({Verb.RESTART, Verb.REBOOT, Verb.LOAD_SETTINGS})
"""Done when the terminal comes back: found executing at start, they are done, not interrupted."""


class Refusal(enum.StrEnum):
    MALFORMED = "fleet.malformed"
    UNSIGNED = "fleet.unsigned"
    BAD_SIGNATURE = "fleet.bad_signature"
    WRONG_TERMINAL = "fleet.wrong_terminal"
    EXPIRED = "fleet.expired"
    EXPIRY_TOO_FAR = "fleet.expiry_too_far"
    REPLAYED = "fleet.replayed"
    UNKNOWN_VERB = "fleet.unknown_verb"
    BAD_ARGUMENTS = "fleet.bad_arguments"
    NO_KEY = "fleet.no_command_key"
    """The terminal has no operations-centre key: it takes no command at all."""


class CommandRefused(Exception):
    def __init__(self, refusal: Refusal, command_id: str | None = None) -> None:
        super().__init__(refusal.value)
        self.refusal = refusal
        self.command_id = command_id
        """The refused command's id when it had a readable one (the reply names it)."""


@dataclass(frozen=True)
class Command:
    id: str
    terminal: str
    verb: Verb
    issued_at: datetime
    expires_at: datetime
    args: Mapping[str, Any] = field(default_factory=dict)

    def unsigned(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "terminal": self.terminal,
            "verb": self.verb.value,
            "args": dict(self.args),
            "issued_at": self.issued_at.isoformat(),
            "expires_at": self.expires_at.isoformat(),
        }


def canonical(fields: Mapping[str, Any]) -> bytes:
    unsigned = {k: v for k, v in fields.items() if k != "signature"}
    return json.dumps(unsigned, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def new_command(
    terminal: str,
    verb: Verb,
    args: Mapping[str, Any] | None = None,
    *,
    valid_for: timedelta = timedelta(minutes=10),
    now: datetime | None = None,
) -> Command:
    issued = now or datetime.now(UTC)
    command = Command(str(uuid.uuid4()), terminal, verb, issued, issued + valid_for, args or {})
    check_arguments(command.verb, command.args)
    return command


def sign(command: Command, key: Ed25519PrivateKey) -> bytes:
    """The command as sent: its fields and their signature, as JSON."""
    fields = command.unsigned()
    fields["signature"] = base64.b64encode(key.sign(canonical(fields))).decode()
    return json.dumps(fields, ensure_ascii=False).encode()


def public_hex(key: Ed25519PrivateKey) -> str:
    """The public half of the centre's key as `fleet.command_public_key` holds it."""
    from cryptography.hazmat.primitives import serialization

    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return raw.hex()


def public_key(hex_key: str) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_key))


def verify(
    payload: bytes,
    key: Ed25519PublicKey | None,
    terminal_id: str,
    *,
    max_age: timedelta,
    now: datetime | None = None,
) -> Command:
    """The command in `payload` if the operations centre signed it for this terminal and it is
    still valid; raises CommandRefused saying why not."""
    fields = _fields(payload)
    command_id = _readable_id(fields.get("id"))
    if key is None:
        raise CommandRefused(Refusal.NO_KEY, command_id)
    signature = fields.get("signature")
    if not isinstance(signature, str) or not signature:
        raise CommandRefused(Refusal.UNSIGNED, command_id)
    from cryptography.exceptions import InvalidSignature

    try:
        key.verify(base64.b64decode(signature, validate=True), canonical(fields))
    except (InvalidSignature, binascii.Error, ValueError):
        raise CommandRefused(Refusal.BAD_SIGNATURE, command_id) from None
    command = _command(fields, command_id)
    if command.terminal != terminal_id:
        raise CommandRefused(Refusal.WRONG_TERMINAL, command.id)
    now = now or datetime.now(UTC)
    if command.expires_at <= now:
        raise CommandRefused(Refusal.EXPIRED, command.id)
    if command.expires_at - now > max_age + CLOCK_SKEW or command.issued_at > now + CLOCK_SKEW:
        raise CommandRefused(Refusal.EXPIRY_TOO_FAR, command.id)
    try:
        check_arguments(command.verb, command.args)
    except ValueError:
        raise CommandRefused(Refusal.BAD_ARGUMENTS, command.id) from None
    return command


def check_arguments(verb: Verb, args: Mapping[str, Any]) -> None:
    """Raises ValueError for arguments the verb does not take or values out of range."""
    allowed: dict[Verb, frozenset[str]] = {
        Verb.LOGS: frozenset({"lines", "level"}),
        Verb.LOAD_SETTINGS: frozenset({"toml"}),
    }
    unknown = set(args) - allowed.get(verb, frozenset())
    if unknown:
        raise ValueError(f"{verb.value} takes no {', '.join(sorted(unknown))}")
    if verb is Verb.LOGS:
        lines = args.get("lines", 100)
        if not isinstance(lines, int) or isinstance(lines, bool) or not 1 <= lines <= MAX_LOG_LINES:
            raise ValueError(f"lines: 1 to {MAX_LOG_LINES}")
        if args.get("level", "INFO") not in ("DEBUG", "INFO", "WARNING", "ERROR"):
            raise ValueError("level: DEBUG, INFO, WARNING or ERROR")
    if verb is Verb.LOAD_SETTINGS:
        text = args.get("toml")
        if not isinstance(text, str) or not text.strip():
            raise ValueError("toml: the settings file's text")
        if len(text.encode()) > MAX_SETTINGS_BYTES:
            raise ValueError(f"toml: at most {MAX_SETTINGS_BYTES} bytes")


def _fields(payload: bytes) -> dict[str, Any]:
    if len(payload) > MAX_COMMAND_BYTES:
        raise CommandRefused(Refusal.MALFORMED)
    try:
        fields = json.loads(payload)
    except (UnicodeDecodeError, ValueError):
        raise CommandRefused(Refusal.MALFORMED) from None
    if not isinstance(fields, dict):
        raise CommandRefused(Refusal.MALFORMED)
    return fields


def _command(fields: Mapping[str, Any], command_id: str | None) -> Command:
    """The signed fields as a command; signed but unreadable is the centre's bug: malformed."""
    try:
        verb_text = fields["verb"]
        args = fields.get("args", {})
        if not isinstance(args, dict) or not isinstance(fields["terminal"], str):
            raise TypeError
        if command_id is None:
            raise ValueError("no UUID id")
        issued_at = _aware(fields["issued_at"])
        expires_at = _aware(fields["expires_at"])
    except (KeyError, TypeError, ValueError):
        raise CommandRefused(Refusal.MALFORMED, command_id) from None
    try:
        verb = Verb(verb_text)
    except ValueError:
        raise CommandRefused(Refusal.UNKNOWN_VERB, command_id) from None
    return Command(command_id, fields["terminal"], verb, issued_at, expires_at, args)


def _readable_id(value: object) -> str | None:
    """A command's id as the refusal and the audit may name it: a UUID, or nothing."""
    if not isinstance(value, str):
        return None
    try:
        uuid.UUID(value)
    except ValueError:
        return None
    return value


def _aware(text: object) -> datetime:
    if not isinstance(text, str):
        raise TypeError
    moment = datetime.fromisoformat(text)
    if moment.tzinfo is None:
        raise ValueError("no time zone")
    return moment
