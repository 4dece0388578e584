"""社保卡办理 without Qt: a loss report online (blocked at once, the card refused afterwards) and
offline (queued at top priority, sent before what waited longer); a new card for 周平 through the
card issuer simulator; a PIN change; a mailed card activated with its letter's PIN; where no card
issuer is fitted, a card applied for at the door (online and offline), made at the branch and
followed with its receipt until it is ready for delivery."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from demo.kiosk import DemoKiosk
from devices.card_issuer.simulator import SimulatedCardIssuer
from devices.smartcard.ssse import SsseApplication
from devices.smartcard.virtual_card import VirtualSocialSecurityCard
from kiosk.central.codes import CardApplicationReason, CardDelivery, CardDeliveryStage, ReceiptState
from kiosk.services.cards.steps import (
    CardActivated,
    CardApplied,
    CardReady,
    CardService,
    ChooseCardDelivery,
    ChooseCardService,
    ChooseReplacementReason,
    ConfirmCardApplication,
    ConfirmLossReport,
    EnterIdNumber,
    EnterMobile,
    IssuanceStage,
    IssuingCard,
    LossReported,
    PinChanged,
    SetNewPin,
)
from kiosk.services.enrollment.steps import ChooseInsurances, ConfirmEnrollment, EnterContactMobile
from kiosk.services.errors import EndReason
from kiosk.services.progress.steps import EnterReceiptNumber, ReceiptStatus
from kiosk.services.session import Back, Outcome, ServiceId
from kiosk.services.steps import (
    Confirmation,
    EnterPin,
    FaceGuidance,
    InsertCard,
    PlaceIdCard,
    QueuedReceipt,
)
from offline_queue.store import Priority
from sandbox.cards import advance_card_delivery
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess, start_sandbox_process
from tests.support.kiosks import QUICK_QUEUE, demo_kiosk, wait_until
from tests.support.scripted import ScriptedCitizen

NEW_PIN = "258036"
LOSER = demo_citizen("unpaid-year")
APPLICANT = demo_citizen("no-card")


def cards_of(sandbox_db: Path, id_number: str) -> dict[str, str]:
    with sqlite3.connect(sandbox_db) as db:
        rows = db.execute("SELECT card_number, status FROM cards WHERE id_number = ?", (id_number,))
        return dict(rows.fetchall())


def applications(sandbox_db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(sandbox_db) as db:
        return db.execute("SELECT card_number, state FROM card_applications").fetchall()


def chip_of(card: VirtualSocialSecurityCard) -> SsseApplication:
    app = SsseApplication(card.process)
    app.select_application()
    return app


def demo_chip(kiosk: DemoKiosk, citizen_key: str) -> SsseApplication:
    """The demo citizen's card itself, as the tray holds it."""
    assert kiosk.demo_tray is not None
    (card,) = [c.card for c in kiosk.demo_tray.cards if c.citizen_key == citizen_key]
    return chip_of(card)


def choosing(
    kiosk: DemoKiosk, service: CardService, card: str | None = None, id_card: str | None = None
) -> ScriptedCitizen:
    citizen = ScriptedCitizen(kiosk, card=card, id_card=id_card)
    return citizen.answer(ChooseCardService, service)


def reporting_loss_by_mobile(kiosk: DemoKiosk) -> ScriptedCitizen:
    """临时挂失 for 赵敏: a mistyped ID number first (wrong check digit), then hers; her mobile."""
    typo = LOSER.id_number[:-1] + ("0" if LOSER.id_number[-1] != "0" else "1")
    citizen = choosing(kiosk, CardService.REPORT_LOSS_BY_MOBILE)
    citizen.answer(EnterIdNumber, typo, LOSER.id_number).answer(EnterMobile, LOSER.mobile)
    return citizen.answer(ConfirmLossReport, Confirmation.CONFIRM)


@pytest.mark.expected_log("failed with card.reported_lost")
def test_a_loss_report_online_blocks_the_card_at_once(kiosk: DemoKiosk, sandbox_db: Path) -> None:
    assert LOSER.card is not None
    citizen = reporting_loss_by_mobile(kiosk)
    assert citizen.run(ServiceId.CARD) == Outcome(completed=True)
    assert [p.invalid for p in citizen.seen(EnterIdNumber)] == [False, True]
    confirm = citizen.last(ConfirmLossReport)
    assert not confirm.offline and LOSER.id_number not in confirm.masked_id_number
    reported = citizen.last(LossReported)
    assert reported.masked_card_number != LOSER.card.card_number
    assert not citizen.seen(InsertCard)  # no card at hand
    assert cards_of(sandbox_db, LOSER.id_number) == {LOSER.card.card_number: "reported_lost"}
    # The found card, inserted afterwards, is refused.
    found = ScriptedCitizen(kiosk, card=LOSER.key)
    assert found.run(ServiceId.QUERY) == Outcome(error_code="card.reported_lost")


def test_offline_a_loss_report_is_queued_at_top_priority(
    kiosk: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    assert LOSER.card is not None
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    wait_until(lambda: kiosk.online is False)
    # Something already waits in the queue: an enrollment accepted offline a moment before.
    newcomer = demo_citizen("not-enrolled")
    enrolling = ScriptedCitizen(kiosk, id_card=newcomer.key)
    enrolling.answer(EnterContactMobile, newcomer.mobile)
    enrolling.on(ChooseInsurances, lambda step: step.offered)
    enrolling.answer(ConfirmEnrollment, Confirmation.CONFIRM)
    assert enrolling.run(ServiceId.ENROLLMENT) == Outcome(completed=True)
    waiting = enrolling.last(QueuedReceipt).receipt_number

    citizen = reporting_loss_by_mobile(kiosk)
    assert citizen.run(ServiceId.CARD) == Outcome(completed=True)
    assert citizen.last(ChooseCardService).issuing is False  # no new card without the line
    assert citizen.last(ConfirmLossReport).offline  # told it is not blocked until sent
    receipt = citizen.last(QueuedReceipt)
    assert receipt.urgent and receipt.printed and receipt.operation == "card_loss_report"
    assert not citizen.seen(LossReported)
    outbox = kiosk.outbound.queue.outbox
    loss = outbox.by_receipt(receipt.receipt_number)
    assert loss is not None and loss.priority == Priority.URGENT
    earlier = outbox.by_receipt(waiting)
    assert earlier is not None and earlier.priority == Priority.NORMAL
    assert kiosk.outbound.progress(receipt.receipt_number).state is ReceiptState.QUEUED
    assert cards_of(sandbox_db, LOSER.id_number) == {LOSER.card.card_number: "active"}

    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: outbox.open_count() == 0, 15)
    finally:
        back.stop()
    assert cards_of(sandbox_db, LOSER.id_number) == {LOSER.card.card_number: "reported_lost"}
    loss, earlier = outbox.by_receipt(receipt.receipt_number), outbox.by_receipt(waiting)
    assert loss is not None and earlier is not None
    assert loss.finished_at is not None and earlier.finished_at is not None
    assert loss.finished_at <= earlier.finished_at  # sent first, though queued second


def test_a_new_card_is_made_on_the_spot(quick_face_kiosk: DemoKiosk, sandbox_db: Path) -> None:
    kiosk = quick_face_kiosk
    issuer = kiosk.devices.card_issuer
    assert isinstance(issuer, SimulatedCardIssuer)
    citizen = choosing(kiosk, CardService.NEW_CARD, id_card=APPLICANT.key)
    citizen.answer(SetNewPin, "123456", NEW_PIN, NEW_PIN)  # a guessable one is asked again
    assert citizen.run(ServiceId.CARD) == Outcome(completed=True)
    assert citizen.last(ChooseCardService).issuing is True
    kinds = citizen.kinds()
    assert kinds.index("PlaceIdCard") < kinds.index("FaceGuidance") < kinds.index("SetNewPin")
    assert [(p.again, p.weak) for p in citizen.seen(SetNewPin)] == [
        (False, False),
        (False, True),
        (True, False),
    ]
    assert [s.stage for s in citizen.seen(IssuingCard)] == list(IssuanceStage)
    ready = citizen.last(CardReady)
    assert ready.printed and ready.retired_masked_card_number is None
    assert not citizen.seen(InsertCard)
    ((number, state),) = applications(sandbox_db)
    assert state == "issued"
    wait_until(lambda: kiosk.outbound.queue.outbox.open_count() == 0, 10)  # activation sent
    assert cards_of(sandbox_db, APPLICANT.id_number) == {number: "active"}
    # The card at the exit: the central system's records and the PIN the citizen chose.
    made = issuer.take_presented()
    assert made is not None and len(issuer.faces) == 1 and not issuer.rejected
    chip = chip_of(made)
    records = chip.read_card()
    assert (records.card_number, records.social_security_number, records.name) == (
        number,
        APPLICANT.id_number,
        APPLICANT.name,
    )
    assert not chip.verify_pin("000000").verified
    assert chip.verify_pin(NEW_PIN).verified


def test_the_pin_is_changed_with_the_old_one(shared_kiosk: DemoKiosk) -> None:
    holder = demo_citizen("pensioner-authenticated")
    assert holder.card is not None
    citizen = choosing(shared_kiosk, CardService.CHANGE_PIN, card=holder.key)
    citizen.answer(EnterPin, "999999", holder.card.pin)  # a wrong current PIN is asked again
    citizen.answer(SetNewPin, NEW_PIN, NEW_PIN, NEW_PIN, NEW_PIN)
    assert citizen.run(ServiceId.CARD) == Outcome(completed=True)
    assert [p.tries_left for p in citizen.seen(EnterPin)] == [None, 2]
    assert citizen.seen(PinChanged) and citizen.kinds()[-1] == "TakeCard"
    chip = demo_chip(shared_kiosk, holder.key)
    assert chip.verify_pin(NEW_PIN).verified  # on the chip, nothing at the centre


def pulled_out(kiosk: DemoKiosk) -> None:
    """The citizen takes the card out after leaving; the next session has it put in again."""
    assert kiosk.demo_tray is not None
    kiosk.demo_tray.remove()
    assert kiosk.demo_tray.inserted_key() is None


@pytest.mark.expected_log("failed with card.pin_blocked")
def test_wrong_pins_are_counted_by_the_card_across_sessions(shared_kiosk: DemoKiosk) -> None:
    """Two wrong PINs, the card pulled out and put back, one more wrong PIN: blocked, as the
    chip keeps its try counter, and the right PIN no longer opens it."""
    holder = demo_citizen("contributor")
    assert holder.card is not None
    first = ScriptedCitizen(shared_kiosk, card=holder.key)
    first.answer(EnterPin, "000000", "111111", Back.BACK)
    assert first.run(ServiceId.QUERY) == Outcome(reason=EndReason.CANCELLED)
    assert [p.tries_left for p in first.seen(EnterPin)] == [None, 2, 1]
    pulled_out(shared_kiosk)
    second = ScriptedCitizen(shared_kiosk, card=holder.key).answer(EnterPin, "222222")
    assert second.run(ServiceId.QUERY) == Outcome(error_code="card.pin_blocked")
    assert second.kinds().count("EnterPin") == 1
    pulled_out(shared_kiosk)
    third = ScriptedCitizen(shared_kiosk, card=holder.key).answer(EnterPin, holder.card.pin)
    assert third.run(ServiceId.QUERY) == Outcome(error_code="card.pin_blocked")


def test_the_tries_left_shown_are_the_cards_own(shared_kiosk: DemoKiosk) -> None:
    """A wrong PIN in a query, then the PIN change in another session: the tries it shows come
    from the card's answer (63C1), not from a count of this session's tries."""
    holder = demo_citizen("pensioner-authenticated")
    assert holder.card is not None
    query = ScriptedCitizen(shared_kiosk, card=holder.key).answer(EnterPin, "999999", Back.BACK)
    assert query.run(ServiceId.QUERY) == Outcome(reason=EndReason.CANCELLED)
    pulled_out(shared_kiosk)
    change = choosing(shared_kiosk, CardService.CHANGE_PIN, card=holder.key)
    change.answer(EnterPin, "888888", holder.card.pin)
    change.answer(SetNewPin, NEW_PIN, NEW_PIN, NEW_PIN, NEW_PIN)
    assert change.run(ServiceId.CARD) == Outcome(completed=True)
    assert [p.tries_left for p in change.seen(EnterPin)] == [None, 1]
    assert demo_chip(shared_kiosk, holder.key).verify_pin(NEW_PIN).verified


def test_a_mailed_card_is_activated_with_its_letter_pin(kiosk: DemoKiosk, sandbox_db: Path) -> None:
    holder = demo_citizen("card-not-activated")
    assert holder.card is not None
    assert cards_of(sandbox_db, holder.id_number) == {holder.card.card_number: "not_activated"}
    citizen = choosing(kiosk, CardService.ACTIVATE, card=holder.key, id_card=holder.key)
    citizen.answer(EnterPin, holder.card.pin).answer(SetNewPin, NEW_PIN, NEW_PIN)
    assert citizen.run(ServiceId.CARD) == Outcome(completed=True)
    kinds = citizen.kinds()
    assert kinds.index("InsertCard") < kinds.index("PlaceIdCard") < kinds.index("EnterPin")
    activated = citizen.last(CardActivated)
    assert not activated.queued and not activated.printed
    assert cards_of(sandbox_db, holder.id_number) == {holder.card.card_number: "active"}
    assert demo_chip(kiosk, holder.key).verify_pin(NEW_PIN).verified
    assert not citizen.seen(FaceGuidance)


@pytest.mark.expected_log("failed with card.already_active")
def test_an_active_card_is_not_activated_again(shared_kiosk: DemoKiosk) -> None:
    citizen = choosing(shared_kiosk, CardService.ACTIVATE, card="contributor")
    assert citizen.run(ServiceId.CARD) == Outcome(error_code="card.already_active")
    assert not citizen.seen(PlaceIdCard) and not citizen.seen(EnterPin)


def without_issuer(sandbox: SandboxProcess, role: str) -> Iterator[DemoKiosk]:
    """A terminal where no card is made (no card issuer fitted), one liveness action."""
    with demo_kiosk(
        sandbox.url,
        **QUICK_QUEUE,
        SHEYIN_KIOSK_ROLE=role,
        SHEYIN_DEVICES_CARD_ISSUER="none",
        SHEYIN_FACE_LIVENESS_ACTIONS="1",
    ) as built:
        yield built


@pytest.fixture
def staff_laptop(sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    yield from without_issuer(sandbox, "staff")


@pytest.fixture
def kiosk_without_issuer(sandbox: SandboxProcess) -> Iterator[DemoKiosk]:
    yield from without_issuer(sandbox, "kiosk")


def applying_for_delivery(kiosk: DemoKiosk) -> ScriptedCitizen:
    """周平, who has never had a card, applies for her first one."""
    citizen = choosing(kiosk, CardService.APPLY_FOR_DELIVERY, id_card=APPLICANT.key)
    return citizen.answer(ChooseReplacementReason, CardApplicationReason.NEW)


def followed(kiosk: DemoKiosk, receipt_number: str) -> ReceiptStatus:
    """查进度 with the receipt number, as the citizen does later."""
    citizen = ScriptedCitizen(kiosk).answer(EnterReceiptNumber, receipt_number)
    assert citizen.run(ServiceId.PROGRESS) == Outcome(completed=True)
    return citizen.last(ReceiptStatus)


def delivery_of(sandbox_db: Path, receipt_number: str) -> tuple[str, str, bytes]:
    with sqlite3.connect(sandbox_db) as db:
        row = db.execute(
            "SELECT delivery, stage, photo FROM card_deliveries WHERE receipt_number = ?",
            (receipt_number,),
        ).fetchone()
    assert row is not None
    return row[0], row[1], bytes(row[2])


@pytest.mark.expected_log("card.application_pending")
def test_at_the_door_a_card_is_applied_for_made_at_the_branch_and_followed(
    staff_laptop: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    kiosk = staff_laptop
    citizen = applying_for_delivery(kiosk)
    # How the card comes: changed on the summary (Back asks again, not the face check).
    citizen.answer(ChooseCardDelivery, CardDelivery.BRANCH_PICKUP, CardDelivery.STAFF_VISIT)
    citizen.answer(ConfirmCardApplication, Back.BACK, Confirmation.CONFIRM)
    assert citizen.run(ServiceId.CARD) == Outcome(completed=True)
    menu = citizen.last(ChooseCardService)
    assert menu.choices[0] is CardService.APPLY_FOR_DELIVERY and menu.offers(menu.choices[0])
    assert not {CardService.NEW_CARD, CardService.REPLACEMENT} & set(menu.choices)
    assert citizen.last(ChooseReplacementReason).first_card
    kinds = citizen.kinds()
    assert (
        kinds.index("PlaceIdCard") < kinds.index("FaceGuidance") < kinds.index("ChooseCardDelivery")
    )
    assert "FaceGuidance" not in kinds[kinds.index("ChooseCardDelivery") :]  # not again
    confirms = citizen.seen(ConfirmCardApplication)
    assert [c.delivery for c in confirms] == [CardDelivery.BRANCH_PICKUP, CardDelivery.STAFF_VISIT]
    assert not confirms[-1].offline and APPLICANT.id_number not in confirms[-1].masked_id_number
    applied = citizen.last(CardApplied)
    assert (applied.reason, applied.delivery) == (
        CardApplicationReason.NEW,
        CardDelivery.STAFF_VISIT,
    )
    assert not citizen.seen(QueuedReceipt) and not citizen.seen(SetNewPin)
    delivery, stage, photo = delivery_of(sandbox_db, applied.receipt_number)
    assert (delivery, stage) == ("staff_visit", "applied")
    assert photo.startswith(b"\xff\xd8")  # the photo taken at the door is the card's
    assert cards_of(sandbox_db, APPLICANT.id_number) == {}

    # Applied once: a second application while the card is being made is refused.
    again = applying_for_delivery(kiosk).answer(ChooseCardDelivery, CardDelivery.STAFF_VISIT)
    again.answer(ConfirmCardApplication, Confirmation.CONFIRM)
    assert again.run(ServiceId.CARD) == Outcome(error_code="card.application_pending")

    assert followed(kiosk, applied.receipt_number).card_stage is CardDeliveryStage.APPLIED
    advance_card_delivery(sandbox.url, applied.receipt_number)
    assert followed(kiosk, applied.receipt_number).card_stage is CardDeliveryStage.IN_PRODUCTION
    advance_card_delivery(sandbox.url, applied.receipt_number)
    ready = followed(kiosk, applied.receipt_number)
    assert (ready.state, ready.card_stage) == (
        ReceiptState.DELIVERED,
        CardDeliveryStage.READY_FOR_DELIVERY,
    )
    assert list(cards_of(sandbox_db, APPLICANT.id_number).values()) == ["not_activated"]


def test_offline_a_card_application_is_queued_delivered_and_followed_until_ready(
    kiosk_without_issuer: DemoKiosk, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    kiosk = kiosk_without_issuer
    port = int(sandbox.url.rsplit(":", 1)[1])
    sandbox.stop()
    wait_until(lambda: kiosk.online is False)
    citizen = applying_for_delivery(kiosk).answer(ConfirmCardApplication, Confirmation.CONFIRM)
    assert citizen.run(ServiceId.CARD) == Outcome(completed=True)
    assert not citizen.seen(ChooseCardDelivery)  # a kiosk's card is collected at the branch
    confirm = citizen.last(ConfirmCardApplication)
    assert confirm.offline and confirm.delivery is CardDelivery.BRANCH_PICKUP
    receipt = citizen.last(QueuedReceipt)
    assert receipt.operation == "card_delivery_application" and receipt.printed
    assert not receipt.urgent and not citizen.seen(CardApplied)
    assert followed(kiosk, receipt.receipt_number).state is ReceiptState.QUEUED

    back = start_sandbox_process(sandbox_db, port=port)
    try:
        wait_until(lambda: kiosk.outbound.queue.outbox.open_count() == 0, 15)
        applied = followed(kiosk, receipt.receipt_number)
        for _stage in range(2):
            advance_card_delivery(back.url, receipt.receipt_number)
        ready = followed(kiosk, receipt.receipt_number)
    finally:
        back.stop()
    assert (applied.state, applied.card_stage) == (
        ReceiptState.DELIVERED,
        CardDeliveryStage.APPLIED,
    )  # the face matched on arrival
    assert (ready.state, ready.card_stage) == (
        ReceiptState.DELIVERED,
        CardDeliveryStage.READY_FOR_DELIVERY,
    )
    assert delivery_of(sandbox_db, receipt.receipt_number)[:2] == (
        "branch_pickup",
        "ready_for_delivery",
    )
    assert list(cards_of(sandbox_db, APPLICANT.id_number).values()) == ["not_activated"]
