"""参保查询 without Qt: card and PIN against the sandbox over HTTP; what the results hold is what
the central system holds; a lost card and an unreachable central system end on their codes."""

from __future__ import annotations

import pytest

from demo.kiosk import DemoKiosk
from kiosk.central.client import CentralClient
from kiosk.codes import every_code
from kiosk.services.errors import EndReason
from kiosk.services.query.steps import QueryResults
from kiosk.services.session import Back, Outcome, ServiceId
from kiosk.services.steps import Activity, EnterPin, InsertCard, TakeCard, Working
from sandbox.citizens import demo_citizen
from sandbox.faults import set_faults
from sandbox.server import SandboxProcess
from tests.support.scripted import ScriptedCitizen

CONTRIBUTOR = demo_citizen("contributor")
PENSIONER = demo_citizen("pensioner-due")


def test_card_and_pin_show_what_the_central_system_holds(
    shared_kiosk: DemoKiosk, central: CentralClient
) -> None:
    assert CONTRIBUTOR.card is not None
    citizen = ScriptedCitizen(shared_kiosk, card="contributor")
    citizen.answer(EnterPin, CONTRIBUTOR.card.pin)
    assert citizen.run(ServiceId.QUERY) == Outcome(completed=True)
    kinds = citizen.kinds()
    assert kinds[0] == "InsertCard" and kinds[-1] == "TakeCard"
    assert kinds.index("EnterPin") < kinds.index("QueryResults")
    results = citizen.last(QueryResults)
    assert results.masked_name == "张*"
    assert results.masked_id_number == "4403**********0035"
    reference = central.identify(CONTRIBUTOR.id_number).person_ref
    assert results.contributions == central.contributions(reference)
    assert results.accounts == central.accounts(reference)
    assert {i.kind for i in results.insured.items} == {
        i.kind for i in central.insurances(reference).items
    }
    assert results.contributions.years, "six years of contributions expected"
    assert citizen.session is not None and citizen.session.person is None  # dropped at the end
    assert shared_kiosk.demo_tray is not None and shared_kiosk.demo_tray.inserted_key() is None


def test_a_wrong_pin_then_the_right_one(shared_kiosk: DemoKiosk) -> None:
    assert PENSIONER.card is not None
    citizen = ScriptedCitizen(shared_kiosk, card="pensioner-due")
    citizen.answer(EnterPin, "999999", PENSIONER.card.pin)
    assert citizen.run(ServiceId.QUERY).completed
    assert [p.tries_left for p in citizen.seen(EnterPin)] == [None, 2]
    assert citizen.last(QueryResults).benefits.items  # a pensioner: benefit payments listed


@pytest.mark.expected_log("failed with card.pin_blocked")
def test_three_wrong_pins_block_the_card(shared_kiosk: DemoKiosk) -> None:
    citizen = ScriptedCitizen(shared_kiosk, card="contributor")
    citizen.answer(EnterPin, "000000", "111111", "222222")
    assert citizen.run(ServiceId.QUERY) == Outcome(error_code="card.pin_blocked")
    assert [p.tries_left for p in citizen.seen(EnterPin)] == [None, 2, 1]
    assert not citizen.seen(QueryResults)


@pytest.mark.expected_log("failed with card.reported_lost")
def test_a_card_reported_lost_is_refused_before_the_pin(shared_kiosk: DemoKiosk) -> None:
    citizen = ScriptedCitizen(shared_kiosk, card="card-lost")
    assert citizen.run(ServiceId.QUERY) == Outcome(error_code="card.reported_lost")
    assert not citizen.seen(EnterPin)
    assert not citizen.seen(QueryResults)


@pytest.mark.expected_log("failed with card.expired")
def test_an_expired_card_is_refused(shared_kiosk: DemoKiosk) -> None:
    citizen = ScriptedCitizen(shared_kiosk, card="card-expired")
    assert citizen.run(ServiceId.QUERY) == Outcome(error_code="card.expired")
    assert not citizen.seen(EnterPin)


def test_back_at_the_pin_leaves_the_service(shared_kiosk: DemoKiosk) -> None:
    citizen = ScriptedCitizen(shared_kiosk, card="contributor").answer(EnterPin, Back.BACK)
    assert citizen.run(ServiceId.QUERY) == Outcome(reason=EndReason.CANCELLED)
    assert not citizen.seen(QueryResults)


def test_pulling_the_card_at_the_pin_ends_the_session(shared_kiosk: DemoKiosk) -> None:
    tray = shared_kiosk.demo_tray
    assert tray is not None
    citizen = ScriptedCitizen(shared_kiosk, card="contributor")
    citizen.on(EnterPin, lambda _step: tray.remove())
    assert citizen.run(ServiceId.QUERY) == Outcome(reason=EndReason.CARD_REMOVED)
    assert not citizen.seen(TakeCard)


@pytest.mark.expected_log("central POST /identifications: ConnectionError", "central.unavailable")
def test_central_stopped_is_an_error_outcome(kiosk: DemoKiosk, sandbox: SandboxProcess) -> None:
    sandbox.stop()
    citizen = ScriptedCitizen(kiosk, card="contributor")
    assert citizen.run(ServiceId.QUERY) == Outcome(error_code="central.unavailable")
    assert citizen.kinds()[:1] == ["InsertCard"]
    assert not citizen.seen(EnterPin)


@pytest.mark.expected_log("central.unavailable")
def test_central_failing_is_an_error_outcome(kiosk: DemoKiosk, sandbox: SandboxProcess) -> None:
    """Every call answered 503 (the sandbox's fault injection; the line probes take some of
    them too): the card check fails, with a code the citizen has words for."""
    set_faults(sandbox.url, fail_next=1000)
    citizen = ScriptedCitizen(kiosk, card="contributor")
    outcome = citizen.run(ServiceId.QUERY)
    assert citizen.last(Working).activity is Activity.CHECKING_CARD
    assert not citizen.seen(EnterPin)
    assert citizen.seen(InsertCard)
    assert outcome.error_code is not None and not outcome.completed
    assert outcome.error_code == "central.unavailable" and outcome.error_code in every_code()
