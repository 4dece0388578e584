"""The sandbox's card issuance over HTTP: who may apply, the face against the reference photo,
numbers handed out once each, the script only for the application's own chip, outcomes applied
once, activation; a card applied for with delivery, made at the branch stage by stage."""

from __future__ import annotations

import base64
import sqlite3
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
import requests

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralRejected
from offline_queue.receipts import new_receipt_number
from sandbox.cards import advance_card_delivery
from sandbox.citizens import demo_citizen
from sandbox.server import SandboxProcess
from tests.support.kiosks import settings_for

FACES = Path(__file__).parents[1] / "data" / "faces"
APPLICANT = demo_citizen("no-card")


@pytest.fixture
def client(sandbox: SandboxProcess) -> Iterator[CentralClient]:
    made = CentralClient(settings_for(sandbox.url).central)
    yield made
    made.close()


def apply(
    client: CentralClient,
    id_number: str = APPLICANT.id_number,
    reason: m.CardApplicationReason = m.CardApplicationReason.NEW,
    photo: str = "astronaut.jpg",
) -> m.CardApplication:
    request = m.CardApplicationRequest(
        id_number=id_number,
        reason=reason,
        face_photo_jpeg_b64=base64.b64encode((FACES / photo).read_bytes()).decode(),
    )
    return client.send_write("/card-applications", request.model_dump_json().encode(),
                             m.CardApplication, uuid.uuid4())  # fmt: skip


def report(
    client: CentralClient,
    application: m.CardApplication,
    outcome: str,
    key: uuid.UUID,
    receipt_number: str | None = None,
) -> m.CardApplicationStatus:
    body = m.IssuanceOutcome(
        receipt_number=receipt_number or new_receipt_number(),
        application_id=application.application_id,
        outcome=outcome,  # type: ignore[arg-type]
    )
    path = f"/card-applications/{application.application_id}/outcomes"
    return client.send_write(path, body.model_dump_json().encode(), m.CardApplicationStatus, key)


@pytest.mark.expected_log("card.face_mismatch", "card.already_held", "card.not_reported_lost")
def test_who_may_apply(client: CentralClient) -> None:
    for kwargs, code in (
        ({"photo": "obama.jpg"}, "card.face_mismatch"),
        ({"id_number": demo_citizen("contributor").id_number}, "card.already_held"),
        (
            {
                "id_number": demo_citizen("contributor").id_number,
                "reason": m.CardApplicationReason.REPLACEMENT_LOST,
            },
            "card.not_reported_lost",
        ),
    ):
        with pytest.raises(CentralRejected) as refused:
            apply(client, **kwargs)  # type: ignore[arg-type]
        assert refused.value.code == code


@pytest.mark.expected_log("card.already_held")
def test_numbers_are_never_reused_and_outcomes_apply_once(
    client: CentralClient, sandbox_db: Path
) -> None:
    first = apply(client)
    assert report(client, first, "spoiled", uuid.uuid4()).state is m.CardApplicationState.SPOILED
    second = apply(client)
    assert second.card_number != first.card_number
    key, receipt = uuid.uuid4(), new_receipt_number()
    for _ in range(2):  # the same outcome delivered twice (a retry) is applied once
        issued = report(client, second, "issued", key, receipt)
        assert issued.state is m.CardApplicationState.ISSUED
    assert report(client, second, "issued", uuid.uuid4()).state is m.CardApplicationState.ISSUED
    with pytest.raises(CentralRejected) as refused:
        apply(client)  # now holds a card
    assert refused.value.code == "card.already_held"
    with sqlite3.connect(sandbox_db) as db:
        rows = db.execute("SELECT card_number, status FROM cards WHERE id_number = ?",
                          (APPLICANT.id_number,)).fetchall()  # fmt: skip
    assert rows == [(second.card_number, "not_activated")]
    activation = m.CardActivationRequest(
        receipt_number=new_receipt_number(),
        id_number=APPLICANT.id_number,
        card_number=second.card_number,
    )
    activated = client.send_write("/card-activations", activation.model_dump_json().encode(),
                                  m.CardActivation, uuid.uuid4())  # fmt: skip
    assert activated.card_status is m.CardStatus.ACTIVE


@pytest.mark.expected_log("card.application_closed")
def test_the_script_authenticates_to_the_challenge_and_only_while_open(
    client: CentralClient,
) -> None:
    application = apply(client)
    request = m.PersonalisationRequest(
        application_id=application.application_id, challenge_hex="0011223344556677"
    )
    path = f"/card-applications/{application.application_id}/personalisation-scripts"
    script = client.send_write(path, request.model_dump_json().encode(),
                               m.PersonalisationScript, uuid.uuid4())  # fmt: skip
    first = bytes.fromhex(script.steps[0].apdu_hex)
    assert first[:4] == bytes.fromhex("00820000") and len(first) == 5 + 16
    assert len(script.steps) == 2 + 2 + 13  # auth, select SSSE, 2 files, 13 records
    assert all(step.expect_sw == "9000" for step in script.steps)
    assert not any(step.apdu_hex.startswith("805E") for step in script.steps)  # no PIN in it
    report(client, application, "spoiled", uuid.uuid4())
    with pytest.raises(CentralRejected) as refused:
        client.send_write(path, request.model_dump_json().encode(),
                          m.PersonalisationScript, uuid.uuid4())  # fmt: skip
    assert refused.value.code == "card.application_closed"


def apply_for_delivery(
    client: CentralClient,
    id_number: str = APPLICANT.id_number,
    reason: m.CardApplicationReason = m.CardApplicationReason.NEW,
    receipt_number: str | None = None,
) -> tuple[str, m.CardDeliveryApplication]:
    receipt_number = receipt_number or new_receipt_number()
    request = m.CardDeliveryApplicationRequest(
        receipt_number=receipt_number,
        id_number=id_number,
        reason=reason,
        face_photo_jpeg_b64=base64.b64encode((FACES / "astronaut.jpg").read_bytes()).decode(),
        delivery="staff_visit",
        applied_at=datetime.now(UTC),
    )
    applied = client.send_write("/card-delivery-applications", request.model_dump_json().encode(),
                                m.CardDeliveryApplication, uuid.uuid4())  # fmt: skip
    return receipt_number, applied


def cards_held(sandbox_db: Path, id_number: str) -> dict[str, str]:
    with sqlite3.connect(sandbox_db) as db:
        rows = db.execute("SELECT card_number, status FROM cards WHERE id_number = ?",
                          (id_number,)).fetchall()  # fmt: skip
    return dict(rows)


@pytest.mark.expected_log("card.application_pending", "card.already_held")
def test_a_card_applied_for_delivery_is_made_at_the_branch_stage_by_stage(
    client: CentralClient, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    receipt, applied = apply_for_delivery(client)
    assert applied.stage is m.CardDeliveryStage.APPLIED
    progress = client.receipt_progress(receipt)
    assert (progress.operation, progress.state, progress.card_stage) == (
        "card_delivery_application",
        m.ReceiptState.DELIVERED,
        m.CardDeliveryStage.APPLIED,
    )
    assert cards_held(sandbox_db, APPLICANT.id_number) == {}  # no card, no number yet
    # While it is being made, no second card: neither applied for again nor made at a kiosk.
    for again in (lambda: apply_for_delivery(client), lambda: apply(client)):
        with pytest.raises(CentralRejected) as refused:
            again()
        assert refused.value.code == "card.application_pending"

    assert advance_card_delivery(sandbox.url, receipt) is m.CardDeliveryStage.IN_PRODUCTION
    assert client.receipt_progress(receipt).card_stage is m.CardDeliveryStage.IN_PRODUCTION
    assert advance_card_delivery(sandbox.url, receipt) is m.CardDeliveryStage.READY_FOR_DELIVERY
    ready = client.receipt_progress(receipt)
    assert ready.card_stage is m.CardDeliveryStage.READY_FOR_DELIVERY
    assert ready.updated_at > progress.updated_at
    ((number, status),) = cards_held(sandbox_db, APPLICANT.id_number).items()
    assert status == "not_activated"  # activated at hand-over, with its letter's PIN
    with pytest.raises(requests.HTTPError) as closed:
        advance_card_delivery(sandbox.url, receipt)  # the last stage
    assert closed.value.response.json()["code"] == "card.application_closed"
    # Made: the person now holds a card, and a kiosk's own numbers go on after it.
    with pytest.raises(CentralRejected) as refused:
        apply(client)
    assert refused.value.code == "card.already_held"
    damaged = m.CardApplicationReason.REPLACEMENT_DAMAGED
    made_here = apply(client, id_number=demo_citizen("contributor").id_number, reason=damaged)
    assert made_here.card_number != number


def test_a_damaged_card_works_until_its_replacement_is_ready(
    client: CentralClient, sandbox: SandboxProcess, sandbox_db: Path
) -> None:
    holder = demo_citizen("contributor")
    assert holder.card is not None
    receipt, _ = apply_for_delivery(
        client, holder.id_number, m.CardApplicationReason.REPLACEMENT_DAMAGED
    )
    advance_card_delivery(sandbox.url, receipt)
    assert cards_held(sandbox_db, holder.id_number) == {holder.card.card_number: "active"}
    advance_card_delivery(sandbox.url, receipt)
    held = cards_held(sandbox_db, holder.id_number)
    assert held.pop(holder.card.card_number) == "retired"
    assert list(held.values()) == ["not_activated"]


def test_the_branch_control_refuses_a_receipt_it_does_not_know(
    sandbox: SandboxProcess,
) -> None:
    with pytest.raises(requests.HTTPError) as unknown:
        advance_card_delivery(sandbox.url, new_receipt_number())
    assert unknown.value.response.json()["code"] == "card.application_not_found"
