"""Vendor mode, as XFS4IoT names it: the technician takes the kiosk from the citizens.

INACTIVE → ENTER_PENDING (a technician asked; a citizen's session may still be running) →
ACTIVE (no citizen session: the devices are the technician's, citizens see 暂停服务) →
EXIT_PENDING (every device's self-test) → INACTIVE (the kiosk is handed back).

The state is kept in a file as well, so that `sheyin diagnose` (another process) shows it and
a kiosk that restarts in the middle of a repair does not serve citizens until the technician
hands it back. Every change is written to the audit log."""

from __future__ import annotations

import enum
import json
import logging
import threading
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.roles.state_file import write_state

if TYPE_CHECKING:
    from devices.base import SelfTestReport
    from devices.manager import DeviceClass
    from kiosk.audit import AuditLog

log = logging.getLogger(__name__)


class VendorState(enum.StrEnum):
    INACTIVE = "inactive"
    ENTER_PENDING = "enterPending"
    ACTIVE = "active"
    EXIT_PENDING = "exitPending"


class VendorModeError(Exception):
    code = "vendor_mode.wrong_state"


@dataclass(frozen=True)
class Handback:
    """The self-test when the kiosk was handed back: which devices failed it (by class)."""

    failed: tuple[str, ...]

    @property
    def passed(self) -> bool:
        return not self.failed


def read_state(state_file: Path) -> tuple[VendorState, str | None]:
    """The state and the technician holding the kiosk, as kept in the file (INACTIVE when
    there is none); a damaged file reads as ACTIVE: no citizen is served until a technician
    hands the kiosk back."""
    try:
        kept = json.loads(state_file.read_text(encoding="utf-8"))
        return VendorState(kept["state"]), kept.get("technician")
    except FileNotFoundError:
        return VendorState.INACTIVE, None
    except (ValueError, KeyError, TypeError):
        return VendorState.ACTIVE, None


class VendorMode:
    """Thread-safe. `session_running` says whether a citizen is being served; `end_session`
    ends that session (after the screen has warned the citizen); `self_test` tests every
    device (it waits: not from the GUI thread)."""

    def __init__(
        self,
        state_file: Path,
        audit: AuditLog,
        *,
        session_running: Callable[[], bool],
        end_session: Callable[[], None],
        self_test: Callable[[], Mapping[DeviceClass, SelfTestReport | None]],
    ) -> None:
        self._state_file = state_file
        self._audit = audit
        self._session_running = session_running
        self._end_session = end_session
        self._self_test = self_test
        self._lock = threading.Lock()
        self._handing_back = False
        self._state, self._technician = read_state(state_file)
        if self._state in (VendorState.ENTER_PENDING, VendorState.EXIT_PENDING):
            # Left half-way by a kiosk that stopped (a power cut during the hand-back): the
            # technician had the kiosk, and has it still until they hand it back.
            self._state = VendorState.ACTIVE

    @property
    def state(self) -> VendorState:
        return self._state

    @property
    def technician(self) -> str | None:
        return self._technician

    def request_enter(self, technician_id: str) -> VendorState:
        """ENTER_PENDING, or ACTIVE at once when no citizen is being served. A technician who
        logs in while the kiosk is already theirs (after a restart, or after the desk went
        idle) takes it up where it was."""
        with self._lock:
            resumable = self._state is VendorState.ACTIVE or (
                self._state is VendorState.EXIT_PENDING and not self._handing_back
            )
            if resumable:
                self._audit.append(f"technician:{technician_id}", "vendor_mode.resumed")
                self._technician, self._state = technician_id, VendorState.ACTIVE
                self._keep()
                return self._state
            if self._state is not VendorState.INACTIVE:
                raise VendorModeError(self._state.value)
            self._technician = technician_id
            self._move(VendorState.ENTER_PENDING)
            if not self._session_running():
                self._move(VendorState.ACTIVE)
            return self._state

    def session_ended(self) -> VendorState:
        """The citizen's session ended by itself: a pending entry becomes active."""
        with self._lock:
            if self._state is VendorState.ENTER_PENDING and not self._session_running():
                self._move(VendorState.ACTIVE)
            return self._state

    def take_over(self) -> VendorState:
        """After the citizen was warned on screen: their session ends (what it wrote is in the
        outbox and is delivered), and the technician has the kiosk. `end_session` is called
        without the lock held: ending a session tells `session_ended`."""
        with self._lock:
            if self._state is not VendorState.ENTER_PENDING:
                raise VendorModeError(self._state.value)
            running = self._session_running()
            if running:
                self._audit.append(self._actor(), "vendor_mode.session_ended")
        if running:
            self._end_session()
        with self._lock:
            if self._state is VendorState.ENTER_PENDING:
                self._move(VendorState.ACTIVE)
            return self._state

    def hand_back(self) -> Handback:
        """Every device's self-test, then INACTIVE whatever it found: a device that failed
        takes its services off the home screen by itself; the result is in the audit log."""
        with self._lock:
            if self._state is not VendorState.ACTIVE:
                raise VendorModeError(self._state.value)
            self._move(VendorState.EXIT_PENDING)
            self._handing_back = True
        # The self-test waits for every device: not under the lock, so that a login meanwhile
        # is told the kiosk is busy instead of waiting for it.
        try:
            reports = self._self_test()
            failed = tuple(
                device.value
                for device, report in reports.items()
                if report is not None and not report.passed
            )
        except Exception as exc:  # the kiosk is handed back even so
            log.exception("vendor_mode.self_test_failed")
            failed = (str(getattr(exc, "code", "self_test")),)
        with self._lock:
            try:
                outcome = "ok" if not failed else "failed:" + ".".join(failed)[:70]
                self._audit.append(self._actor(), "vendor_mode.self_test", outcome)
                self._move(VendorState.INACTIVE)
                self._technician = None
            finally:
                self._handing_back = False
            return Handback(failed)

    def _actor(self) -> str:
        return f"technician:{self._technician}" if self._technician else "technician:unknown"

    def _move(self, state: VendorState) -> None:
        """Recorded first: a change the audit log cannot take does not happen."""
        self._audit.append(self._actor(), f"vendor_mode.{state.value}", "ok")
        before, self._state = self._state, state
        self._keep()
        log.info("vendor mode: %s -> %s", before.value, state.value)

    def _keep(self) -> None:
        if self._state is VendorState.INACTIVE:
            self._state_file.unlink(missing_ok=True)
            return
        kept: dict[str, object] = {
            "state": self._state.value,
            "technician": self._technician,
            "since": datetime.now(UTC).isoformat(),
        }
        write_state(self._state_file, kept)
