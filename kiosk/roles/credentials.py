"""A login by number and PIN, for any role that has one (technicians, staff): checked by the
central system; offline, against a salted slow hash the terminal kept from that person's last
online login, for a limited number of days. Wrong attempts are counted per terminal and lock the
login for a while. Every attempt is written to the audit log (the number and the outcome; never
the PIN)."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import logging
import re
import secrets
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from kiosk.central.errors import (
    CentralError,
    CentralRejected,
    CentralUnavailable,
    TerminalNotAuthorised,
)
from kiosk.roles.state_file import write_state

if TYPE_CHECKING:
    from kiosk.audit import AuditLog

log = logging.getLogger(__name__)

T = TypeVar("T")

PIN = re.compile(r"[0-9]{6}")
SCRYPT = {"n": 2**14, "r": 8, "p": 1, "dklen": 32}
"""Slow enough that a stolen file does not give up a six-digit PIN in an instant (about 50 ms a
guess on a kiosk), cheap enough for a login."""


class LoginRefused(Exception):
    """The login is refused; `code` says why (never which part was wrong)."""

    def __init__(self, code: str, until: datetime | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.until = until
        """While locked out: when the next attempt is accepted."""


def answered(attempt: Callable[[], T], failed: str, log_code: str) -> T | LoginRefused:
    """For a screen that must not stay on "Checking…": what `attempt` returns, its refusal, or
    LoginRefused(`failed`) for anything else, which is logged as `log_code`."""
    try:
        return attempt()
    except LoginRefused as refused:
        return refused
    except Exception as exc:
        log.error("%s: %s", log_code, getattr(exc, "code", type(exc).__name__))
        return LoginRefused(failed)


@dataclass(frozen=True)
class CredentialRole:
    """What one role's login is called and refused with; its module declares the codes."""

    name: str
    """The audit actor's prefix (`technician:T0007`) and its actions' (`technician.login`)."""
    number: re.Pattern[str]
    refused: str
    """A wrong number or PIN (which, it never says): counted towards the lock-out."""
    locked_out: str
    offline_unknown: str
    """Offline, and this number never logged in online here (or its PIN was not kept)."""
    offline_expired: str
    failed: str
    """Anything else (an answer the terminal cannot use): not counted as a wrong PIN."""

    def actor(self, number: str) -> str:
        """Only a well-formed number is written: an ID number typed by mistake is not."""
        return f"{self.name}:{number if self.number.fullmatch(number) else 'unknown'}"

    def action(self, verb: str) -> str:
        return f"{self.name}.{verb}"


@dataclass(frozen=True)
class Grant:
    number: str
    """The technician's or staff member's number."""
    online: bool
    granted_at: datetime


G = TypeVar("G", bound=Grant)
State = dict[str, object]


@dataclass
class _Attempt:
    state: State
    """The state file's content, written back whatever the outcome."""
    now: datetime
    outcome: str = "ok"
    """What the audit log says of it when it is not refused."""


class CredentialLogin(Generic[G]):
    """One role's login on this terminal; thread-safe, and safe between processes (the kiosk
    and a `sheyin` command share the state file). `check` asks the central system and raises
    CentralRejected (the role's refused code for a wrong number or PIN) or CentralUnavailable
    (the line is down); what it returns is not looked at."""

    def __init__(
        self,
        role: CredentialRole,
        grant: Callable[[str, bool, datetime], G],
        check: Callable[[str, str], object],
        state_file: Path,
        audit: AuditLog,
        *,
        offline_days: int,
        max_failures: int,
        lockout_s: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._role = role
        self._grant = grant
        self._check = check
        self._state_file = state_file
        self._audit = audit
        self._offline_for = timedelta(days=offline_days)
        self._max_failures = max_failures
        self._lockout = timedelta(seconds=lockout_s)
        self._clock = clock
        self._lock = threading.Lock()

    def login(self, number: str, pin: str) -> G:
        """A grant, or LoginRefused with its code; every attempt is in the audit log
        (`<role>.login`, ok:online, ok:offline or failed:<code>)."""
        with self._attempt(number, "login") as attempt:
            grant = self._verify(number, pin, attempt.state, attempt.now)
            attempt.outcome = "ok:online" if grant.online else "ok:offline"
        return grant

    def _unlock(self, number: str, pin: str) -> None:
        """The PIN against the hash kept for `number`, on this terminal alone (no network):
        refused as an offline login is, counted, and audited as `<role>.unlock`."""
        with self._attempt(number, "unlock") as attempt:
            if not self._well_formed(number, pin):
                raise LoginRefused(self._role.refused)
            # No hash kept cannot follow a login: the file was damaged, or the PIN was refused
            # online since. Refused like a wrong PIN; a new login is the way back. The login
            # that is open passed the offline expiry when it began: the lock, in the middle of
            # a citizen's visit, does not apply it again.
            self._offline(
                number, pin, attempt.state, attempt.now, unknown=self._role.refused, expires=False
            )

    def _logout(self, number: str, reason: str) -> None:
        self._audit.append(self._role.actor(number), self._role.action("logout"), f"ok:{reason}")

    @contextmanager
    def _attempt(self, number: str, verb: str) -> Iterator[_Attempt]:
        """One attempt under the terminal's lock, refused at once while locked out. A
        LoginRefused raised inside is counted (a wrong PIN) and audited; otherwise the count
        starts again and the attempt's outcome is audited."""
        role = self._role
        actor, action = role.actor(number), role.action(verb)
        self._state_file.parent.mkdir(parents=True, exist_ok=True)
        lock_file = self._state_file.with_suffix(".lock")
        # One attempt at a time, in this process and any other on this terminal: two at once
        # would each count a failure from the same starting count and lose one.
        with self._lock, lock_file.open("a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            attempt = _Attempt(self._read(), self._clock())
            locked_until = _time(attempt.state.get("locked_until"))
            if locked_until is not None and attempt.now < locked_until:
                self._audit.append(actor, action, f"failed:{role.locked_out}")
                raise LoginRefused(role.locked_out, locked_until)
            try:
                yield attempt
            except LoginRefused as refused:
                if refused.code == role.refused:
                    self._count_failure(attempt.state, attempt.now)
                self._write(attempt.state)
                self._audit.append(actor, action, f"failed:{refused.code}")
                raise
            attempt.state["failures"] = 0
            attempt.state["locked_until"] = None
            self._write(attempt.state)
            self._audit.append(actor, action, attempt.outcome)

    def _well_formed(self, number: str, pin: str) -> bool:
        return bool(self._role.number.fullmatch(number) and PIN.fullmatch(pin))

    def _verify(self, number: str, pin: str, state: State, now: datetime) -> G:
        role = self._role
        if not self._well_formed(number, pin):
            raise LoginRefused(role.refused)
        try:
            self._check(number, pin)
        except (CentralUnavailable, TerminalNotAuthorised):
            # The line is down, or this terminal's own key is refused (a technician may be
            # here to mend exactly that): the kept hash decides.
            self._offline(number, pin, state, now, unknown=role.offline_unknown)
            return self._grant(number, False, now)
        except CentralRejected as rejected:
            if rejected.code != role.refused:
                raise LoginRefused(role.failed) from None
            # The kept PIN itself refused online (changed, or the person gone): it no longer
            # works offline. A mere wrong PIN leaves it, or anyone could wipe it.
            known = _credentials(state).get(number)
            if isinstance(known, dict) and _matches(pin, known):
                del _credentials(state)[number]
            raise LoginRefused(role.refused) from None
        except CentralError:  # an answer the terminal cannot use: no wrong PIN either
            raise LoginRefused(role.failed) from None
        salt = secrets.token_bytes(16)
        _credentials(state)[number] = {
            "salt": salt.hex(),
            "hash": _slow_hash(pin, salt).hex(),
            "kept_at": now.isoformat(),
        }
        return self._grant(number, True, now)

    def _offline(
        self,
        number: str,
        pin: str,
        state: State,
        now: datetime,
        *,
        unknown: str,
        expires: bool = True,
    ) -> None:
        """Returns when the kept hash takes `pin`; LoginRefused `unknown` when none is kept."""
        kept = _credentials(state).get(number)
        if not isinstance(kept, dict):
            raise LoginRefused(unknown)
        kept_at = _time(kept.get("kept_at"))
        if expires and (kept_at is None or now - kept_at > self._offline_for):
            raise LoginRefused(self._role.offline_expired)
        if not _matches(pin, kept):
            raise LoginRefused(self._role.refused)

    def _count_failure(self, state: State, now: datetime) -> None:
        """Counted for the terminal, not per number: trying other numbers gains nothing."""
        failures = int(str(state.get("failures") or 0)) + 1
        state["failures"] = failures
        if failures >= self._max_failures:
            state["locked_until"] = (now + self._lockout).isoformat()
            state["failures"] = 0

    def _read(self) -> State:
        try:
            loaded = json.loads(self._state_file.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return {}
        except ValueError:
            loaded = None
        if (
            isinstance(loaded, dict)
            and isinstance(loaded.get("failures", 0), int | None)
            and isinstance(loaded.get("credentials", {}), dict)
        ):
            return loaded
        # A damaged file forgets the kept credentials (each needs an online login again) and
        # starts locked, so that damaging it is no way around a lock-out. Written at once: the
        # lock-out runs from now, not anew at every attempt.
        state: State = {"locked_until": (self._clock() + self._lockout).isoformat()}
        self._write(state)
        return state

    def _write(self, state: State) -> None:
        write_state(self._state_file, state)


def _matches(pin: str, kept: dict[str, object]) -> bool:
    try:
        expected, salt = bytes.fromhex(str(kept["hash"])), bytes.fromhex(str(kept["salt"]))
    except (KeyError, ValueError):
        return False
    return hmac.compare_digest(_slow_hash(pin, salt), expected)


def _slow_hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, **SCRYPT)


def _credentials(state: State) -> dict[str, dict[str, object]]:
    kept = state.setdefault("credentials", {})
    assert isinstance(kept, dict)
    return kept


def _time(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None
