"""A citizen at a demo kiosk without a screen: the UiPort a flow talks to, driven by a script.

The flow presents steps on its session's worker thread; the citizen acts on its own thread, as a
person in front of the screen would: it records every step, runs the actions the test gave for
that kind of step (insert the card when asked, pay with the phone when the QR code shows), and
answers prompts from the script. A prompt nobody scripted ends the session at once and fails
the run, so a flow that takes an unexpected turn fails fast instead of waiting for a timeout.

    citizen = ScriptedCitizen(kiosk, card="contributor").answer(EnterPin, "000000", "345678")
    outcome = citizen.run(ServiceId.QUERY)

No Qt here or in anything this imports.
"""

from __future__ import annotations

import queue
import threading
import traceback
import uuid
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from kiosk.services.errors import EndReason
from kiosk.services.session import Outcome, ServiceId
from kiosk.services.steps import InsertCard, Navigation, PlaceIdCard, Prompt, Step, TakeCard

if TYPE_CHECKING:
    from demo.kiosk import DemoKiosk
    from kiosk.services.payment.steps import PayByQr
    from kiosk.services.runner import FlowRunner
    from kiosk.services.session import Session

S = TypeVar("S")
Action = Callable[[S], object]
"""Run when a step of its type is shown; for a prompt, what it returns (if not None) answers it."""
RUN_TIMEOUT_S = 30.0


class _Ended:
    """Put on the citizen's queue after the session ended: nothing comes after it."""


class ScriptedCitizen:
    """Implements kiosk.services.session.UiPort for one session at a time on `kiosk`.

    `card` is the demo citizen whose social security card goes into the reader when InsertCard
    is shown; `id_card` the one whose resident ID card goes on the reader at PlaceIdCard. The
    card is taken out when TakeCard is shown. Prompts answered by Navigation (results, receipts)
    are answered Done unless the script says otherwise."""

    def __init__(
        self,
        kiosk: DemoKiosk,
        *,
        card: str | None = None,
        id_card: str | None = None,
        take_card: bool = True,
        done_by_default: bool = True,
    ) -> None:
        self.kiosk = kiosk
        self.card = card
        self.id_card = id_card
        self.take_card = take_card
        self.done_by_default = done_by_default
        self.steps: list[Step] = []
        """Every step the flow presented, in order."""
        self.outcome: Outcome | None = None
        self.problems: list[str] = []
        """What went wrong on the citizen's side (an unscripted prompt, a failing action)."""
        self.session: Session | None = None
        self._answers: dict[type, deque[object]] = {}
        self._actions: list[tuple[type, Action[Step]]] = []
        self._lock = threading.Lock()
        self._inbox: queue.Queue[tuple[uuid.UUID, int, Step] | _Ended] = queue.Queue()
        self._finished = threading.Event()
        self._runner: FlowRunner | None = None

    # --- the script ---

    def answer(self, step_type: type[Prompt[S]], *answers: object) -> ScriptedCitizen:
        """Answers the next prompts of this type, one answer each, in order."""
        self._answers.setdefault(step_type, deque()).extend(answers)
        return self

    def on(self, step_type: type[S], action: Action[S]) -> ScriptedCitizen:
        """Runs `action(step)` whenever a step of this type (or a subclass) is shown. For a
        prompt with no scripted answer left, a non-None result is the answer; None leaves the
        prompt waiting (the flow itself ends the wait, e.g. an order paid on the phone)."""
        self._actions.append((step_type, action))  # type: ignore[arg-type]
        return self

    # --- running a session ---

    def run(self, service: ServiceId, timeout_s: float = RUN_TIMEOUT_S) -> Outcome:
        """Starts the service on a runner of the kiosk and waits for its end (and for every
        action the citizen took meanwhile); fails on a timeout or a problem on this side."""
        self.outcome = None
        self._finished.clear()
        hands = threading.Thread(target=self._act, name="scripted-citizen", daemon=True)
        hands.start()
        runner = self.kiosk.runner(self)
        self._runner = runner
        self.session = runner.start(service)
        if not self._finished.wait(timeout_s):
            runner.end_current(EndReason.CANCELLED)
            self._finished.wait(5.0)
            raise AssertionError(
                f"{service} did not end within {timeout_s} s; steps: {self.kinds()}"
                + (f"; problems: {self.problems}" if self.problems else "")
            )
        hands.join(5.0)
        assert runner.join(5.0), "the session's worker thread is still running"
        if self.problems:
            raise AssertionError(
                f"{service}: " + "; ".join(self.problems) + f"\nsteps: {self.kinds()}"
            )
        assert self.outcome is not None
        return self.outcome

    # --- what was seen ---

    def kinds(self) -> list[str]:
        with self._lock:
            return [type(step).__name__ for step in self.steps]

    def seen(self, step_type: type[S]) -> list[S]:
        """The steps of this type, in order."""
        with self._lock:
            return [step for step in self.steps if isinstance(step, step_type)]

    def last(self, step_type: type[S]) -> S:
        found = self.seen(step_type)
        assert found, f"no {step_type.__name__} among {self.kinds()}"
        return found[-1]

    # --- UiPort (called on the session's worker thread; must not block) ---

    def present(self, session_id: uuid.UUID, token: int, step: Step) -> None:
        with self._lock:
            self.steps.append(step)
        self._inbox.put((session_id, token, step))

    def session_ended(self, session_id: uuid.UUID, outcome: Outcome) -> None:
        self.outcome = outcome
        self._inbox.put(_Ended())

    # --- the citizen's hands (own thread) ---

    def _act(self) -> None:
        while True:
            item = self._inbox.get()
            if isinstance(item, _Ended):
                self._finished.set()
                return
            session_id, token, step = item
            try:
                self._handle(session_id, token, step)
            except Exception:
                self._give_up(f"action on {type(step).__name__} failed:\n{traceback.format_exc()}")

    def _handle(self, session_id: uuid.UUID, token: int, step: Step) -> None:
        handled = False
        reply: object = None
        for step_type, action in self._actions:
            if isinstance(step, step_type):
                handled = True
                result = action(step)
                if result is not None:
                    reply = result
        if not handled:
            handled = self._default_action(step)
        if not token:  # a view: nothing to answer
            return
        scripted = self._answers.get(type(step))
        if scripted:
            reply = scripted.popleft()
        elif reply is None and self.done_by_default and _answered_by_navigation(step):
            reply = Navigation.DONE
        if reply is None:
            if not handled:
                self._give_up(f"no answer scripted for {step!r}")
            return
        session = self._runner.current if self._runner is not None else None
        if session is not None and session.id == session_id:
            session.answer(token, reply)

    def _default_action(self, step: Step) -> bool:
        """The card trays as a citizen uses them; True if the step was taken care of."""
        if isinstance(step, InsertCard):
            if self.card is None:
                self._give_up("asked for a card, but this citizen has none")
                return True
            assert self.kiosk.demo_tray is not None
            if self.kiosk.demo_tray.inserted_key() != self.card:
                self.kiosk.demo_tray.insert(self.card)
            return True
        if isinstance(step, PlaceIdCard):
            if self.id_card is None:
                self._give_up("asked for an ID card, but this citizen has none")
                return True
            assert self.kiosk.id_card_tray is not None
            self.kiosk.id_card_tray.place(self.id_card)
            return True
        if isinstance(step, TakeCard) and self.take_card:
            assert self.kiosk.demo_tray is not None
            self.kiosk.demo_tray.remove()
            return True
        return False

    def _give_up(self, problem: str) -> None:
        self.problems.append(problem)
        if self._runner is not None:
            self._runner.end_current(EndReason.CANCELLED)


def _answered_by_navigation(step: Step) -> bool:
    return isinstance(step, Prompt) and getattr(step, "answer_type", None) is Navigation


def pay_with_phone(kiosk: DemoKiosk) -> Callable[[PayByQr], None]:
    """An action for PayByQr: the demo payer's phone scans the code and pays the order."""

    def pay(step: PayByQr) -> None:
        assert kiosk.payer is not None
        if not kiosk.payer.pay(step.payload):
            raise AssertionError("the demo phone could not pay the order")

    return pay
