"""A technician's login: number and PIN checked by the central system; offline, against the
hash the terminal kept from that technician's last online login, for a limited number of days;
wrong attempts lock it for a while; every attempt audited (kiosk/roles/credentials.py)."""

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

TECHNICIAN_ID = re.compile(r"T[0-9]{4}")
REFUSED = "technician.refused"
LOCKED_OUT = "technician.locked_out"
OFFLINE_UNKNOWN = "technician.offline_unknown"
"""Offline, and this technician never logged in online here (or the PIN was not kept)."""
OFFLINE_EXPIRED = "technician.offline_expired"
FAILED = "technician.login_failed"
"""Anything else (an answer the terminal cannot use): not counted as a wrong PIN."""

TECHNICIAN = CredentialRole(
    "technician",
    TECHNICIAN_ID,
    refused=REFUSED,
    locked_out=LOCKED_OUT,
    offline_unknown=OFFLINE_UNKNOWN,
    offline_expired=OFFLINE_EXPIRED,
    failed=FAILED,
)


@dataclass(frozen=True)
class Grant(credentials.Grant):
    @property
    def technician_id(self) -> str:
        return self.number


class TechnicianLogin(CredentialLogin[Grant]):
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
        super().__init__(
            TECHNICIAN,
            Grant,
            check,
            state_file,
            audit,
            offline_days=offline_days,
            max_failures=max_failures,
            lockout_s=lockout_s,
            clock=clock,
        )
