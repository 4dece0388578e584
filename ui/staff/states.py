"""The staff role's states, as the shell keeps them: a module of its own, so that the window
knows them without loading the staff's screens (a kiosk never shows one)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.staff.report import ReportView


@dataclass(frozen=True)
class AtStaffLogin:
    refused: str = ""
    until: datetime | None = None
    logged_out: str = ""
    """Why the previous login ended, if the staff member did not end it themselves."""


@dataclass(frozen=True)
class AtSync:
    syncing: bool = False
    sent: int | None = None
    """After Sync now: how many were sent; None before one."""
    still_offline: bool = False
    """After Sync now: the network was not there."""


@dataclass(frozen=True)
class AtDayReport:
    report: ReportView | None = None
    """None while it is put together."""
    saved_to: Path | None = None
    printed: bool = False
    problem: str = ""


StaffState = AtStaffLogin | AtSync | AtDayReport
