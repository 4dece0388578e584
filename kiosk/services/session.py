"""One citizen's run of one service: the flow's only way to the UI, the devices and the centre.

The flow runs on the session's worker thread. `ask` and the device waits block that thread and
raise SessionCancelled as soon as the session ends, whoever ends it and from whichever thread.
"""

from __future__ import annotations

import enum
import math
import queue
import threading
import time
import uuid
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

from devices.manager import DeviceSet
from kiosk.codes import ServiceId as ServiceId
from kiosk.domain.person import Person
from kiosk.services.errors import EndReason, SessionCancelled, StepBack
from kiosk.services.steps import Prompt, Step, View

if TYPE_CHECKING:  # the models load with the central client, not before the first screen
    import sqlite3

    from kiosk.central import models as m
    from kiosk.central.operations import WriteOperation
    from kiosk.central.outbound import Submission
    from kiosk.config import Settings
    from kiosk.ledgers.issuance import IssuanceLedger
    from kiosk.ledgers.payments import PaymentLedger

Devices = DeviceSet
"""The devices a flow may use (built by devices.manager from the settings)."""
T = TypeVar("T")
R = TypeVar("R")
Req = TypeVar("Req", bound="m.WriteRequest")
Rep = TypeVar("Rep", bound="m.Reply")

_POLL_S = 0.05


class Central(Protocol):
    """What the flows need of the central system (kiosk.central.client.CentralClient)."""

    def identify(self, id_number: str, card_number: str | None = None) -> m.Identification: ...

    def insurances(self, person_ref: str) -> m.InsuredStatus: ...

    def contributions(self, person_ref: str) -> m.ContributionHistory: ...

    def accounts(self, person_ref: str) -> m.PersonalAccounts: ...

    def benefits(self, person_ref: str) -> m.BenefitPayments: ...

    def eligibility(self, person_ref: str) -> m.EligibilityStatus: ...

    def payables(self, person_ref: str) -> m.PayableItems: ...

    def payment_order(self, order_id: uuid.UUID) -> m.PaymentOrder: ...


class Outbound(Protocol):
    """How the flows write to the central system: through the offline queue
    (kiosk.central.outbound.CentralOutbound)."""

    @property
    def online(self) -> bool | None: ...

    def submit(
        self,
        operation: WriteOperation[Req, Rep],
        build: Callable[[str], Req],
        ordering_key: str | None = None,
        business: Callable[[sqlite3.Connection, str], None] | None = None,
    ) -> Submission[Rep]: ...

    @property
    def payments(self) -> PaymentLedger: ...

    @property
    def issuance(self) -> IssuanceLedger: ...

    def progress(self, receipt_number: str) -> m.ReceiptProgress: ...


class UiPort(Protocol):
    """How a session reaches the UI. Called from the worker thread; must not block."""

    def present(self, session_id: uuid.UUID, token: int, step: Step) -> None: ...

    def session_ended(self, session_id: uuid.UUID, outcome: Outcome) -> None: ...


@dataclass(frozen=True)
class Polled(Generic[R]):
    """What `Session.ask_polling` returns when the poll, not the citizen, ended the wait."""

    value: R


class Back(enum.Enum):
    """The answer the UI gives when the citizen presses Back."""

    BACK = "back"


@dataclass(frozen=True)
class Outcome:
    """How a session ended: completed, ended for a reason, or failed with an error code."""

    completed: bool = False
    reason: EndReason | None = None
    error_code: str | None = None


class Session:
    def __init__(
        self,
        service: ServiceId,
        ui: UiPort,
        central: Central,
        devices: Devices,
        today: Callable[[], date] = date.today,
        *,
        outbound: Callable[[], Outbound] | None = None,
        settings: Settings | None = None,
        operator: str | None = None,
    ) -> None:
        self.id = uuid.uuid4()
        self.settings = settings
        self.operator = operator
        """The staff member serving the citizen on their behalf (a staff terminal); None at a
        kiosk, where the citizen serves themselves."""
        self.service = service
        self.central = central
        self.devices = devices
        self._outbound = outbound
        self.today = today
        self._ui = ui
        self._answers: queue.Queue[tuple[int, object]] = queue.Queue()
        self._token = 0
        self._token_lock = threading.Lock()
        self._ended = threading.Event()
        self._end_reason: EndReason | None = None
        self._cleanups: list[Callable[[], None]] = []
        self.person: Person | None = None
        self.identity = ""
        """How the citizen proved who they are (`IDENTITY_*`), for the staff's day report."""
        self.masked_citizen = ""
        """Who was served, masked as a screen shows it (name and ID number), for the same."""
        self.receipts: list[str] = []
        """The receipt numbers of what this session wrote to the central system, through
        whichever ledger (collected by the runner: offline_queue.receipts.collecting)."""
        self.stop_card_watch: Callable[[], None] = _nothing

    # --- the flow's side (worker thread) ---

    @property
    def outbound(self) -> Outbound:
        """The offline queue; raises OutboxUnavailable if it could not be opened."""
        if self._outbound is None:
            raise RuntimeError("this session was built without an outbound queue")
        return self._outbound()

    @property
    def terminal_id(self) -> str:
        """This terminal's id, as receipts print it."""
        return self.settings.central.terminal_id if self.settings is not None else ""

    def ask(self, prompt: Prompt[T]) -> T:
        """Shows the prompt and waits for the citizen's answer."""
        return self.ask_polling(prompt, _nothing, math.inf)  # type: ignore[return-value]

    def ask_polling(
        self, prompt: Prompt[T], poll: Callable[[], R | None], every_s: float
    ) -> T | Polled[R]:
        """Shows the prompt and, while waiting for the answer, calls `poll` every `every_s`;
        the first poll that returns something ends the wait (e.g. an order the citizen paid on
        their phone)."""
        self.check()
        with self._token_lock:
            self._token += 1
            token = self._token
        self._ui.present(self.id, token, prompt)  # type: ignore[arg-type]
        next_poll = time.monotonic() + every_s
        while True:
            self.check()
            try:
                answered_token, value = self._answers.get(timeout=_POLL_S)
            except queue.Empty:
                if time.monotonic() >= next_poll:
                    found = poll()
                    if found is not None:
                        return Polled(found)
                    next_poll = time.monotonic() + every_s
                continue
            if answered_token != token:
                continue
            if value is Back.BACK:
                raise StepBack()
            return value  # type: ignore[return-value]

    def show(self, view: View) -> None:
        self.check()
        self._ui.present(self.id, 0, view)

    def check(self) -> None:
        if self._ended.is_set():
            raise SessionCancelled(self._end_reason or EndReason.CANCELLED)

    def wait_for(self, event: threading.Event, timeout_s: float | None = None) -> bool:
        """Waits for a device event; False on timeout, SessionCancelled if the session ends."""
        waited = 0.0
        while not event.wait(_POLL_S):
            self.check()
            waited += _POLL_S
            if timeout_s is not None and waited >= timeout_s:
                return False
        self.check()
        return True

    def await_device(self, future: Future[T]) -> T:
        """Waits for a device operation running on the device's thread."""
        while True:
            self.check()
            try:
                return future.result(timeout=_POLL_S)
            except FutureTimeout:
                continue

    def on_end(self, cleanup: Callable[[], None]) -> None:
        """Registers a release step for the end of the session (devices, listeners)."""
        self._cleanups.append(cleanup)

    # --- everyone else's side ---

    @property
    def ended(self) -> bool:
        return self._ended.is_set()

    @property
    def end_reason(self) -> EndReason | None:
        return self._end_reason

    def answer(self, token: int, value: object) -> None:
        """Called by the UI (GUI thread) with the token of the prompt it answers."""
        self._answers.put((token, value))

    def end(self, reason: EndReason) -> None:
        """Ends the session from any thread; the flow sees SessionCancelled at its next wait."""
        if not self._ended.is_set():
            self._end_reason = reason
            self._ended.set()

    def release(self) -> None:
        """Runs the release steps and drops every piece of personal data the session held."""
        self._ended.set()
        cleanups, self._cleanups = self._cleanups, []
        for cleanup in reversed(cleanups):
            cleanup()
        self.person = None
        self.identity = self.masked_citizen = ""
        self.stop_card_watch = _nothing
        while not self._answers.empty():
            self._answers.get_nowait()


SESSION_OPERATOR: ContextVar[str | None] = ContextVar("session_operator", default=None)
"""On a session's thread: the member of staff who started it. Its writes carry their number
even when the staff member logs out before a write that must follow (a payment's
confirmation)."""

IDENTITY_CARD_PIN = "card_pin"
IDENTITY_CARD = "card"
"""The card read, no PIN asked (a service that needs none)."""
IDENTITY_ID_CARD = "id_card"
IDENTITY_ID_CARD_FACE = "id_card_face"
IDENTITY_STAFF_CONFIRMED = "staff_confirmed"
"""Followed by `:<reason>`: a member of staff confirmed who the citizen is, with a face check."""


def _nothing() -> None:
    return None
