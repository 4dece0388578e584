"""Services run by a member of staff on a laptop, without Qt: a bedridden pensioner's proof of
life confirmed by the staff member and the face check instead of the PIN, written with the
staff number, kept as a visit; at a kiosk nobody may confirm instead of the PIN."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from kiosk.services.eligibility.steps import EligibilityDue, EligibilityResult
from kiosk.services.session import Back, Outcome, ServiceId
from kiosk.services.steps import (
    AskConfirmationReason,
    Confirmation,
    ConfirmationReason,
    EnterPin,
    StaffConfirms,
)
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import QUICK_QUEUE, STAFF_LAPTOP, demo_kiosk
from tests.support.scripted import ScriptedCitizen

DUE = demo_citizen("pensioner-due")
LAPTOP = {**STAFF_LAPTOP, "SHEYIN_FACE_LIVENESS_ACTIONS": "1"}


def staff_numbers(sandbox_db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT path, staff_number FROM write_staff").fetchall()


def test_a_bedridden_pensioner_is_confirmed_by_staff_and_a_face_check(
    sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    with demo_kiosk(sandbox.url, **LAPTOP) as laptop:
        laptop.operator = "S0101"
        citizen = ScriptedCitizen(laptop, card=DUE.key)
        citizen.answer(EnterPin, StaffConfirms.IDENTITY)
        citizen.answer(AskConfirmationReason, ConfirmationReason.BEDRIDDEN)
        citizen.answer(EligibilityDue, Confirmation.CONFIRM)
        assert citizen.run(ServiceId.ELIGIBILITY) == Outcome(completed=True)
        assert citizen.last(EnterPin).staff_may_confirm is True
        result = citizen.last(EligibilityResult)
        (visit,) = laptop.visits.visits(date.today(), "S0101")
    assert result.authenticated  # the face on the reference photo is the proof
    assert visit.identity == "staff_confirmed:bedridden"
    assert visit.receipts == (result.receipt_number,)
    assert visit.citizen.startswith("王*")
    assert staff_numbers(sandbox_db) == [("/api/v1/eligibility-authentications", "S0101")]


def test_at_a_kiosk_nobody_confirms_instead_of_the_pin(
    sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    assert DUE.card is not None
    with demo_kiosk(sandbox.url, **QUICK_QUEUE, SHEYIN_FACE_LIVENESS_ACTIONS="1") as kiosk:
        citizen = ScriptedCitizen(kiosk, card=DUE.key)
        citizen.answer(EnterPin, StaffConfirms.IDENTITY)  # offered by nobody: asked again
        citizen.answer(EnterPin, DUE.card.pin)
        citizen.answer(EligibilityDue, Confirmation.CONFIRM)
        assert citizen.run(ServiceId.ELIGIBILITY) == Outcome(completed=True)
        assert all(not pin.staff_may_confirm for pin in citizen.seen(EnterPin))
        assert citizen.seen(AskConfirmationReason) == []
    assert staff_numbers(sandbox_db) == []


def test_back_from_the_reason_returns_to_the_pin(sandbox: SandboxProcess, sandbox_db: Path) -> None:
    assert DUE.card is not None
    with demo_kiosk(sandbox.url, **LAPTOP) as laptop:
        laptop.operator = "S0101"
        citizen = ScriptedCitizen(laptop, card=DUE.key)
        citizen.answer(EnterPin, StaffConfirms.IDENTITY, DUE.card.pin)
        citizen.answer(AskConfirmationReason, Back.BACK)
        citizen.answer(EligibilityDue, Confirmation.CONFIRM)
        assert citizen.run(ServiceId.ELIGIBILITY) == Outcome(completed=True)
        assert len(citizen.seen(EnterPin)) == 2
        (visit,) = laptop.visits.visits(date.today(), "S0101")
    assert visit.identity == "card_pin"
