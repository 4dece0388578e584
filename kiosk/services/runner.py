"""Starts a flow on its session's worker thread and turns however it ends into an Outcome."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date

from devices.base import DeviceError
from devices.smartcard.errors import CardRemoved
from kiosk.central.errors import CentralError
from kiosk.codes import Code
from kiosk.config import Settings
from kiosk.domain.person import CardRejected
from kiosk.services.errors import EndReason, ServiceError, SessionCancelled, StepBack
from kiosk.services.session import (
    SESSION_OPERATOR,
    Central,
    Devices,
    Outbound,
    Outcome,
    ServiceId,
    Session,
    UiPort,
)
from offline_queue.errors import OutboxError
from offline_queue.receipts import collecting

log = logging.getLogger(__name__)

Flow = Callable[[Session], None]
INTERNAL_ERROR = Code.INTERNAL_ERROR


class SessionBusy(RuntimeError):
    code = "session.busy"


class FlowRunner:
    def __init__(
        self,
        flows: dict[ServiceId, Flow],
        ui: UiPort,
        central: Callable[[], Central],
        devices: Devices,
        today: Callable[[], date] = date.today,
        *,
        outbound: Callable[[], Outbound] | None = None,
        settings: Settings | None = None,
        operator: Callable[[], str | None] = lambda: None,
        on_end: Callable[[Session, Outcome], None] | None = None,
    ) -> None:
        """`operator`: the staff member on duty at each start; `on_end` sees each session's
        outcome before its personal data is dropped (the staff's visit journal)."""
        self._flows = flows
        self._operator = operator
        self._on_end = on_end
        self._outbound = outbound
        self._settings = settings
        self._ui = ui
        self._central = central
        """Called at each session start; the client behind it is built once, on first use."""
        self._devices = devices
        self._today = today
        self._lock = threading.Lock()
        self._current: Session | None = None
        self._thread: threading.Thread | None = None

    def available(self, service: ServiceId) -> bool:
        return service in self._flows

    @property
    def current(self) -> Session | None:
        with self._lock:
            return self._current

    def start(self, service: ServiceId) -> Session:
        with self._lock:
            # An ended session may still be winding down on its thread; it no longer counts.
            if self._current is not None and not self._current.ended:
                raise SessionBusy()
            session = Session(
                service,
                self._ui,
                self._central(),
                self._devices,
                self._today,
                outbound=self._outbound,
                settings=self._settings,
                operator=self._operator(),
            )
            self._current = session
            self._thread = threading.Thread(
                target=self._run, args=(session,), name=f"session-{service}", daemon=True
            )
            self._thread.start()
        return session

    def end_current(self, reason: EndReason) -> None:
        session = self.current
        if session is not None:
            session.end(reason)

    def join(self, timeout_s: float = 5.0) -> bool:
        """Waits for the worker thread to finish; for shutdown and tests."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
            return not thread.is_alive()
        return True

    def _run(self, session: Session) -> None:
        flow = self._flows[session.service]
        log.info("session %s: %s started", session.id, session.service)
        outcome = Outcome(error_code=INTERNAL_ERROR)
        SESSION_OPERATOR.set(session.operator)  # this thread is the session's alone
        try:
            with collecting(session.receipts):
                flow(session)
            outcome = Outcome(completed=True)
        except SessionCancelled as ended:
            outcome = Outcome(reason=ended.reason)
        except StepBack:
            outcome = Outcome(reason=EndReason.CANCELLED)
        except CardRemoved:
            outcome = Outcome(reason=EndReason.CARD_REMOVED)
        except (ServiceError, CentralError, DeviceError, CardRejected, OutboxError) as error:
            # An error after the session was ended (e.g. the card went) is the ending itself.
            reason = session.end_reason
            outcome = Outcome(reason=reason) if reason else Outcome(error_code=error.code)
        except Exception:
            log.exception("session %s: flow crashed", session.id)
        finally:
            try:
                self._tell_end(session, outcome)
                session.release()
            finally:
                with self._lock:
                    if self._current is session:
                        self._current = None
        if outcome.error_code:
            log.warning("session %s: failed with %s", session.id, outcome.error_code)
        else:
            log.info("session %s: ended (%s)", session.id, outcome.reason or "completed")
        self._ui.session_ended(session.id, outcome)

    def _tell_end(self, session: Session, outcome: Outcome) -> None:
        """A failure to record must not keep the session's personal data or its ending."""
        if self._on_end is None:
            return
        try:
            self._on_end(session, outcome)
        except Exception as exc:
            log.error("session.end_not_recorded: %s", getattr(exc, "code", type(exc).__name__))
