"""A member of staff's login on a staff terminal (a laptop on home visits, often offline all
day): number and PIN checked by the central system; offline, against the hash the terminal kept
from their last online login, for `staff.offline_days`. When the terminal has locked itself
after idle minutes, the PIN unlocks it checked here alone, so it works offline all day. Wrong
attempts at either lock the login for a while; every attempt, and the logout, is audited
(kiosk/roles/credentials.py)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.roles import credentials
from kiosk.roles.credentials import PIN as PIN
from kiosk.roles.credentials import CredentialLogin, CredentialRole
from kiosk.roles.credentials import LoginRefused as LoginRefused

if TYPE_CHECKING:
    from kiosk.audit import AuditLog
    from kiosk.central import models as m

STAFF_ID = re.compile(r"S[0-9]{4}")
REFUSED = "staff.refused"
LOCKED_OUT = "staff.locked_out"
OFFLINE_UNKNOWN = "staff.offline_unknown"
"""Offline, and this member of staff never logged in online here (or the PIN was not kept)."""
OFFLINE_EXPIRED = "staff.offline_expired"
FAILED = "staff.login_failed"
"""Anything else (an answer the terminal cannot use): not counted as a wrong PIN."""

LOGOUT_MANUAL = "manual"
LOGOUT_DAY_END = "day_end"
"""Logged out by the terminal at `staff.day_ends_at`."""
LOGOUT_REASON = re.compile(r"[a-z][a-z_]{0,31}")

STAFF = CredentialRole(
    "staff",
    STAFF_ID,
    refused=REFUSED,
    locked_out=LOCKED_OUT,
    offline_unknown=OFFLINE_UNKNOWN,
    offline_expired=OFFLINE_EXPIRED,
    failed=FAILED,
)


@dataclass(frozen=True)
class Grant(credentials.Grant):
    @property
    def staff_id(self) -> str:
        return self.number


class StaffLogin(CredentialLogin[Grant]):
    """The staff terminal's login; thread-safe. `check` asks the central system and raises
    CentralRejected (wrong number or PIN) or CentralUnavailable (the line is down)."""

    def __init__(
        self,
        check: Callable[[str, str], m.StaffGrant],
        state_file: Path,
        audit: AuditLog,
        *,
        offline_days: int,
        max_failures: int,
        lockout_s: float,
        clock: Callable[[], datetime] = lambda: datetime.now(UTC),
    ) -> None:
        super().__init__(
            STAFF,
            Grant,
            check,
            state_file,
            audit,
            offline_days=offline_days,
            max_failures=max_failures,
            lockout_s=lockout_s,
            clock=clock,
        )

    def unlock(self, staff_id: str, pin: str) -> None:
        """Returns when `pin` is the one kept for `staff_id` (and still within
        `staff.offline_days`); never asks the central system. LoginRefused with the login's
        codes otherwise: a wrong PIN counts towards the lock-out as a wrong login does."""
        self._unlock(staff_id, pin)

    def logout(self, staff_id: str, reason: str) -> None:
        """Audited as `staff.logout`, `ok:<reason>` (LOGOUT_MANUAL, LOGOUT_DAY_END). The kept
        hash stays: it is what the next offline login is checked against."""
        if not LOGOUT_REASON.fullmatch(reason):
            raise ValueError("staff.logout_reason_invalid")
        self._logout(staff_id, reason)
