"""A technician's login: number and PIN checked by the central system; offline, against a
salted slow hash the terminal kept from that technician's last online login, for a limited
number of days. Wrong attempts are counted and lock the login for a while. Every attempt is
written to the audit log (the technician's number and the outcome; never the PIN)."""

from __future__ import annotations

import fcntl
import hashlib
import hmac
import json
import re
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.central.errors import CentralRejected, CentralUnavailable, TerminalNotAuthorised
from kiosk.roles.state_file import write_state

if TYPE_CHECKING:
    from kiosk.audit import AuditLog
    from kiosk.central import models as m

TECHNICIAN_ID = re.compile(r"T[0-9]{4}")
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


REFUSED = "technician.refused"
LOCKED_OUT = "technician.locked_out"
OFFLINE_UNKNOWN = "technician.offline_unknown"
"""Offline, and this technician never logged in online here (or the PIN was not kept)."""
OFFLINE_EXPIRED = "technician.offline_expired"
FAILED = "technician.login_failed"
"""Anything else (an answer the terminal cannot use): not counted as a wrong PIN."""


@dataclass(frozen=True)
class Grant:
    technician_id: str
    online: bool
    granted_at: datetime


class TechnicianLogin:
    """The terminal's one technician login; thread-safe. `check` asks the central system and
    raises CentralRejected (wrong number or PIN) or CentralUnavailable (the line is down)."""

    def __init__(
        self,
        check: Callable[[str, str], m.TechnicianGrant],
        state_file: Path,
        audit: AuditLog,
        *,
        offline_days: int,
        max_failures: int,
        lockout_s: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        self._check = check
        self._state_file = state_file
        self._audit = audit
        self._offline_for = timedelta(days=offline_days)
        self._max_failures = max_failures
        self._lockout = timedelta(seconds=lockout_s)
        self._clock = clock
        self._lock = threading.Lock()

    def login(self, technician_id: str, pin: str) -> Grant:
        """A grant, or LoginRefused with its code; every attempt is in the audit log."""
        actor = (
            f"technician:{technician_id}"
            if TECHNICIAN_ID.fullmatch(technician_id)
            else ("technician:unknown")
        )
        self._state_file.parent.mkdir(parents=True, exist_ok=True)
        lock_file = self._state_file.with_suffix(".lock")
        # One login at a time, in this process and any other on this terminal: two at once
        # would each count a failure from the same starting count and lose one.
        with self._lock, lock_file.open("a") as held:
            fcntl.flock(held, fcntl.LOCK_EX)
            state = self._read()
            now = self._clock()
            locked_until = _time(state.get("locked_until"))
            if locked_until is not None and now < locked_until:
                self._audit.append(actor, "technician.login", f"failed:{LOCKED_OUT}")
                raise LoginRefused(LOCKED_OUT, locked_until)
            try:
                grant = self._verify(technician_id, pin, state, now)
            except LoginRefused as refused:
                if refused.code == REFUSED:
                    self._count_failure(state, now)
                self._write(state)
                self._audit.append(actor, "technician.login", f"failed:{refused.code}")
                raise
            state["failures"] = 0
            state["locked_until"] = None
            self._write(state)
            how = "online" if grant.online else "offline"
            self._audit.append(actor, "technician.login", f"ok:{how}")
            return grant

    def _verify(
        self, technician_id: str, pin: str, state: dict[str, object], now: datetime
    ) -> Grant:
        if not (TECHNICIAN_ID.fullmatch(technician_id) and PIN.fullmatch(pin)):
            raise LoginRefused(REFUSED)
        try:
            self._check(technician_id, pin)
        except (CentralUnavailable, TerminalNotAuthorised):
            # The line is down, or this terminal's own key is refused (a technician may be
            # here to mend exactly that): the kept hash decides.
            return self._offline(technician_id, pin, state, now)
        except CentralRejected as rejected:
            if rejected.code != REFUSED:
                raise LoginRefused(FAILED) from None
            # The kept PIN itself refused online (changed, or the technician gone): it no
            # longer works offline. A mere wrong PIN leaves it, or anyone could wipe it.
            known = _credentials(state).get(technician_id)
            if known is not None and _matches(pin, known):
                del _credentials(state)[technician_id]
            raise LoginRefused(REFUSED) from None
        salt = secrets.token_bytes(16)
        kept = _credentials(state)
        kept[technician_id] = {
            "salt": salt.hex(),
            "hash": _slow_hash(pin, salt).hex(),
            "kept_at": now.isoformat(),
        }
        return Grant(technician_id, online=True, granted_at=now)

    def _offline(
        self, technician_id: str, pin: str, state: dict[str, object], now: datetime
    ) -> Grant:
        kept = _credentials(state).get(technician_id)
        if kept is None:
            raise LoginRefused(OFFLINE_UNKNOWN)
        kept_at = _time(kept.get("kept_at"))
        if kept_at is None or now - kept_at > self._offline_for:
            raise LoginRefused(OFFLINE_EXPIRED)
        if not _matches(pin, kept):
            raise LoginRefused(REFUSED)
        return Grant(technician_id, online=False, granted_at=now)

    def _count_failure(self, state: dict[str, object], now: datetime) -> None:
        """Counted for the terminal, not per number: trying other numbers gains nothing."""
        failures = int(str(state.get("failures") or 0)) + 1
        state["failures"] = failures
        if failures >= self._max_failures:
            state["locked_until"] = (now + self._lockout).isoformat()
            state["failures"] = 0

    def _read(self) -> dict[str, object]:
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
        # starts locked, so that damaging it is no way around a lock-out.
        return {"locked_until": (self._clock() + self._lockout).isoformat()}

    def _write(self, state: dict[str, object]) -> None:
        write_state(self._state_file, state)


def _matches(pin: str, kept: dict[str, object]) -> bool:
    try:
        expected, salt = bytes.fromhex(str(kept["hash"])), bytes.fromhex(str(kept["salt"]))
    except (KeyError, ValueError):
        return False
    return hmac.compare_digest(_slow_hash(pin, salt), expected)


def _slow_hash(pin: str, salt: bytes) -> bytes:
    return hashlib.scrypt(pin.encode("ascii"), salt=salt, **SCRYPT)


def _credentials(state: dict[str, object]) -> dict[str, dict[str, object]]:
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
