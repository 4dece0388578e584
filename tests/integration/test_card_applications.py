"""The sandbox's card issuance over HTTP: who may apply, the face against the reference photo,
numbers handed out once each, the script only for the application's own chip, outcomes applied
once, activation."""

from __future__ import annotations

import base64
import sqlite3
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.central import models as m
from kiosk.central.client import CentralClient
from kiosk.central.errors import CentralRejected
from offline_queue.receipts import new_receipt_number
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
