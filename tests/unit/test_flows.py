"""The flow runner and the identify/query flows, driven by a scripted UI with no Qt."""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

import pytest

from demo.trays import DemoCardTray
from devices.smartcard.inprocess import InProcessCardSlot
from devices.smartcard.reader import SmartCardReader
from kiosk.central import models as m
from kiosk.central.errors import CentralUnavailable
from kiosk.services.catalog import FLOWS
from kiosk.services.errors import EndReason, SessionCancelled
from kiosk.services.query.steps import QueryResults
from kiosk.services.runner import FlowRunner, SessionBusy
from kiosk.services.session import Back, Devices, Outcome, ServiceId, Session
from kiosk.services.steps import EnterPin, InsertCard, Navigation, Step, TakeCard
from sandbox.citizens import demo_citizen

TODAY = date(2026, 11, 23)


class FakeCentral:
    def __init__(self, card_status: m.CardStatus = m.CardStatus.ACTIVE) -> None:
        self.card_status = card_status
        self.fail_with: Exception | None = None
        self.calls: list[str] = []

    def identify(self, id_number: str, card_number: str | None = None) -> m.Identification:
        self.calls.append("identify")
        if self.fail_with:
            raise self.fail_with
        return m.Identification(
            person_ref="ref-1",
            expires_at=datetime.now(UTC) + timedelta(minutes=5),
            name="张伟",
            gender=m.Gender.MALE,
            birth_date=date(1988, 5, 20),
            card_status=self.card_status,
            is_pensioner=False,
        )

    def insurances(self, person_ref: str) -> m.InsuredStatus:
        self.calls.append("insurances")
        return m.InsuredStatus(items=[])

    def contributions(self, person_ref: str) -> m.ContributionHistory:
        return m.ContributionHistory(years=[])

    def accounts(self, person_ref: str) -> m.PersonalAccounts:
        return m.PersonalAccounts(accounts=[])

    def benefits(self, person_ref: str) -> m.BenefitPayments:
        return m.BenefitPayments(items=[])


Answer = Callable[[Step], object]


class ScriptedUi:
    """Answers each prompt from a script; records every step and the outcome."""

    def __init__(self) -> None:
        self.steps: list[Step] = []
        self.script: dict[type, list[object]] = {}
        self.on_step: Callable[[Step], None] = lambda step: None
        self.outcome: Outcome | None = None
        self.finished = threading.Event()
        self.session: Session | None = None
        self.runner: FlowRunner | None = None

    def present(self, session_id: uuid.UUID, token: int, step: Step) -> None:
        self.steps.append(step)
        self.on_step(step)
        answers = self.script.get(type(step))
        if token and answers:
            # Not self.session: the flow can ask before start() has returned it to the test.
            session = self.runner.current if self.runner else self.session
            assert session is not None and session.id == session_id
            session.answer(token, answers.pop(0))

    def session_ended(self, session_id: uuid.UUID, outcome: Outcome) -> None:
        self.outcome = outcome
        self.finished.set()

    def kinds(self) -> list[str]:
        return [type(s).__name__ for s in self.steps]


@pytest.fixture
def kit() -> tuple[ScriptedUi, FakeCentral, DemoCardTray, FlowRunner]:
    slot = InProcessCardSlot()
    tray = DemoCardTray(slot)
    reader = SmartCardReader(slot)
    ui = ScriptedUi()
    central = FakeCentral()
    runner = FlowRunner(FLOWS, ui, lambda: central, Devices(reader), today=lambda: TODAY)
    ui.runner = runner
    yield ui, central, tray, runner
    reader.close()


def run(kit: tuple[ScriptedUi, FakeCentral, DemoCardTray, FlowRunner], card: str | None) -> Outcome:
    ui, _, tray, runner = kit
    if card:
        tray.insert(card)
    ui.session = runner.start(ServiceId.QUERY)
    assert ui.finished.wait(10), "the flow did not end"
    assert ui.outcome is not None
    return ui.outcome


def take_card_when_asked(ui: ScriptedUi, tray: DemoCardTray) -> None:
    ui.on_step = lambda step: tray.remove() if isinstance(step, TakeCard) else None


def test_query_completes_and_drops_personal_data(kit) -> None:
    ui, _, tray, _ = kit
    ui.script = {EnterPin: ["345678"], QueryResults: [Navigation.DONE]}
    take_card_when_asked(ui, tray)
    outcome = run(kit, "contributor")
    assert outcome == Outcome(completed=True)
    assert ui.kinds()[0] == "InsertCard"
    assert ui.kinds()[-1] == "TakeCard"
    assert ui.session is not None and ui.session.person is None
    results = next(s for s in ui.steps if isinstance(s, QueryResults))
    assert results.masked_name == "张*"
    assert results.masked_id_number == "4403**********0035"


@pytest.mark.expected_log("failed with card.pin_blocked")
def test_wrong_pin_counts_down_then_blocks(kit) -> None:
    ui, _, _, _ = kit
    ui.script = {EnterPin: ["000000", "111111", "222222"]}
    outcome = run(kit, "contributor")
    assert outcome.error_code == "card.pin_blocked"
    prompts = [s for s in ui.steps if isinstance(s, EnterPin)]
    assert [p.tries_left for p in prompts] == [None, 2, 1]


def test_right_pin_after_a_wrong_one(kit) -> None:
    ui, _, tray, _ = kit
    ui.script = {EnterPin: ["000000", "345678"], QueryResults: [Navigation.DONE]}
    take_card_when_asked(ui, tray)
    assert run(kit, "contributor").completed


@pytest.mark.parametrize(
    ("status", "code"),
    [(m.CardStatus.REPORTED_LOST, "card.reported_lost"), (m.CardStatus.RETIRED, "card.retired")],
)
@pytest.mark.expected_log("failed with card.")
def test_card_status_from_central_refuses_before_the_pin(kit, status, code) -> None:
    ui, fake_central, _, _ = kit
    fake_central.card_status = status
    assert run(kit, "contributor").error_code == code
    assert "EnterPin" not in ui.kinds()


@pytest.mark.expected_log("failed with card.expired")
def test_expired_card(kit) -> None:
    assert run(kit, "card-expired").error_code == "card.expired"


@pytest.mark.expected_log("failed with central.unavailable")
def test_central_down_is_a_clear_error(kit) -> None:
    _, central, _, _ = kit
    central.fail_with = CentralUnavailable()
    assert run(kit, "contributor").error_code == "central.unavailable"


def test_pulling_the_card_at_the_pin_ends_the_session(kit) -> None:
    ui, _, tray, _ = kit
    ui.on_step = lambda step: tray.remove() if isinstance(step, EnterPin) else None
    outcome = run(kit, "contributor")
    assert outcome.reason is EndReason.CARD_REMOVED


def test_back_from_the_pin_leaves_the_service(kit) -> None:
    ui, _, _, _ = kit
    ui.script = {EnterPin: [Back.BACK]}
    assert run(kit, "contributor").reason is EndReason.CANCELLED


def test_ending_while_waiting_for_the_card(kit) -> None:
    ui, _, _, runner = kit
    ui.on_step = lambda step: (
        runner.end_current(EndReason.IDLE) if isinstance(step, InsertCard) else None
    )
    assert run(kit, None).reason is EndReason.IDLE


def test_a_late_removal_of_an_earlier_card_does_not_end_the_next_session(kit) -> None:
    """Regression: removal events are delivered on the reader's thread, after the fact."""
    ui, _, tray, _ = kit
    tray.insert("pensioner-due")
    tray.remove()
    ui.script = {EnterPin: ["345678"], QueryResults: [Navigation.DONE]}
    take_card_when_asked(ui, tray)
    assert run(kit, "contributor").completed


def test_a_stale_answer_is_ignored(kit) -> None:
    ui, _, tray, _ = kit
    stale_sent: list[bool] = []

    def on_step(step: Step) -> None:
        if isinstance(step, EnterPin) and not stale_sent:
            stale_sent.append(True)
            session = ui.runner.current if ui.runner else None
            assert session is not None
            session.answer(999, "000000")  # a tap on a screen that is no longer shown
        if isinstance(step, TakeCard):
            tray.remove()

    ui.on_step = on_step
    ui.script = {EnterPin: ["345678"], QueryResults: [Navigation.DONE]}
    assert run(kit, "contributor").completed
    assert stale_sent
    assert [s.tries_left for s in ui.steps if isinstance(s, EnterPin)] == [None]


@pytest.mark.expected_log("flow crashed", "failed with internal.error")
def test_a_crashing_flow_is_an_internal_error_not_a_dead_thread() -> None:
    def broken(session: Session) -> None:
        raise ZeroDivisionError

    ui = ScriptedUi()
    slot = InProcessCardSlot()
    reader = SmartCardReader(slot)
    runner = FlowRunner({ServiceId.QUERY: broken}, ui, FakeCentral, Devices(reader))
    ui.session = runner.start(ServiceId.QUERY)
    assert ui.finished.wait(5)
    assert ui.outcome == Outcome(error_code="internal.error")
    reader.close()


def test_one_session_at_a_time(kit) -> None:
    ui, _, _, runner = kit
    ui.session = runner.start(ServiceId.QUERY)
    with pytest.raises(SessionBusy):
        runner.start(ServiceId.QUERY)
    runner.end_current(EndReason.CANCELLED)
    # An ended session no longer blocks a new one, even while its thread winds down.
    ui.session = runner.start(ServiceId.QUERY)
    runner.end_current(EndReason.CANCELLED)
    assert runner.join(5)


def test_ask_after_the_end_raises() -> None:
    ui = ScriptedUi()
    session = Session(
        ServiceId.QUERY, ui, FakeCentral(), Devices(SmartCardReader(InProcessCardSlot()))
    )
    session.end(EndReason.IDLE)
    with pytest.raises(SessionCancelled) as ended:
        session.ask(EnterPin(masked_name="x"))
    assert ended.value.reason is EndReason.IDLE
    session.devices.card_reader.close()


def test_demo_citizen_lookup() -> None:
    assert demo_citizen("contributor").name == "张伟"
    with pytest.raises(KeyError):
        demo_citizen("nobody")
