"""The sandbox's card issuance: applications with the face checked against the reference photo,
card numbers that are never reused, the personalisation script (the issuer key stays here), the
outcome reported by the kiosk (issued or spoiled), and activation.

Cards applied for with delivery (where no card can be made: a staff laptop, a kiosk without a
card issuer) are made at the branch: applied → in production → ready for delivery. The branch's
work is a loopback-only control here (`POST /_sandbox/card-deliveries/{receipt}/advance`, one
stage a call): the card is made, its number given and the card it replaces retired at the last
stage, and the receipt's progress says where it stands."""

from __future__ import annotations

import base64
import sqlite3
import uuid
from datetime import date, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import BaseModel

from devices.smartcard.apdu import Command
from devices.smartcard.cryptogram import issuer_cryptogram
from devices.smartcard.records import RECORDS, SSSE_AID, SsCardData, encode_value
from kiosk.central import models as m
from kiosk.central.codes import EligibilityReason
from kiosk.domain.idcard import nation_code
from sandbox.credentials import DEMO_ISSUER_KEY
from sandbox.faces import Verdict, match_reference
from sandbox.faults import loopback_only
from sandbox.http import (
    Db,
    ProblemError,
    Terminal,
    Today,
    holders_card,
    idempotent,
    now,
    person_by_id,
)

CARD_YEARS = 10
CARD_NUMBER_PREFIX = "E"
HOLDS_A_CARD = (m.CardStatus.ACTIVE, m.CardStatus.NOT_ACTIVATED, m.CardStatus.REPORTED_LOST)
DELIVERIES_PATH = "/_sandbox/card-deliveries"
NEXT_STAGE = {
    m.CardDeliveryStage.APPLIED: m.CardDeliveryStage.IN_PRODUCTION,
    m.CardDeliveryStage.IN_PRODUCTION: m.CardDeliveryStage.READY_FOR_DELIVERY,
}
"""The branch's work on a card applied for with delivery; a stage not here is the last."""


def applications_router() -> APIRouter:
    """Applying for a card, its status, and the personalisation script."""
    router = APIRouter()

    @router.post("/api/v1/card-applications", status_code=201, response_model=m.CardApplication)
    async def apply_for_card(
        request: Request,
        body: m.CardApplicationRequest,
        terminal_id: Terminal,
        db: Db,
        today: Today,
    ) -> Response:
        # Matched before the write transaction: it takes a tenth of a second.
        verdict = match_reference(
            request.app.state.faces, db, body.id_number, body.face_photo_jpeg_b64
        )

        def apply(tx: sqlite3.Connection) -> m.CardApplication:
            person_by_id(tx, body.id_number)  # person.not_found first
            _may_apply(tx, verdict, body.id_number)
            retired = _card_to_retire(tx, body)
            number = _next_card_number(tx)
            application_id = uuid.uuid4()
            valid_until = today.replace(year=today.year + CARD_YEARS)
            tx.execute(
                "INSERT INTO card_applications (application_id, id_number, reason, card_number,"
                " retired_card_number, state, valid_from, valid_until, terminal_id, created_at)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (str(application_id), body.id_number, body.reason.value, number, retired,
                 m.CardApplicationState.APPLIED.value, today.isoformat(),
                 valid_until.isoformat(), terminal_id, now().isoformat()),
            )  # fmt: skip
            return m.CardApplication(
                application_id=application_id,
                card_number=number,
                retired_card_number=retired,
                valid_from=today,
                valid_until=valid_until,
            )

        return idempotent(db, request, terminal_id, await request.body(), apply)

    @router.get(
        "/api/v1/card-applications/{application_id}", response_model=m.CardApplicationStatus
    )
    def application_status(
        application_id: uuid.UUID, terminal_id: Terminal, db: Db
    ) -> m.CardApplicationStatus:
        with db.transaction() as tx:
            row = _application(tx, application_id)
        return m.CardApplicationStatus(
            application_id=application_id,
            card_number=row["card_number"],
            state=m.CardApplicationState(row["state"]),
        )

    @router.post(
        "/api/v1/card-applications/{application_id}/personalisation-scripts",
        status_code=201,
        response_model=m.PersonalisationScript,
    )
    async def personalisation_script(
        request: Request,
        application_id: uuid.UUID,
        body: m.PersonalisationRequest,
        terminal_id: Terminal,
        db: Db,
    ) -> Response:
        def apply(tx: sqlite3.Connection) -> m.PersonalisationScript:
            row = _application(tx, application_id)
            if row["state"] not in (
                m.CardApplicationState.APPLIED.value,
                m.CardApplicationState.PERSONALISING.value,
            ):
                raise ProblemError("card.application_closed", row["state"])
            person = person_by_id(tx, row["id_number"])
            tx.execute(
                "UPDATE card_applications SET state = ? WHERE application_id = ?",
                (m.CardApplicationState.PERSONALISING.value, str(application_id)),
            )
            challenge = bytes.fromhex(body.challenge_hex)
            return m.PersonalisationScript(
                application_id=application_id,
                steps=_script(row, person, challenge),
            )

        return idempotent(db, request, terminal_id, await request.body(), apply)

    return router


def issuance_router() -> APIRouter:
    """What the kiosk reports after the machine part (issued or spoiled), and activation."""
    router = APIRouter()

    @router.post(
        "/api/v1/card-applications/{application_id}/outcomes",
        status_code=201,
        response_model=m.CardApplicationStatus,
    )
    async def outcome(
        request: Request,
        application_id: uuid.UUID,
        body: m.IssuanceOutcome,
        terminal_id: Terminal,
        db: Db,
    ) -> Response:
        def apply(tx: sqlite3.Connection) -> m.CardApplicationStatus:
            row = _application(tx, application_id)
            state = m.CardApplicationState(row["state"])
            wanted = (
                m.CardApplicationState.ISSUED
                if body.outcome == "issued"
                else m.CardApplicationState.SPOILED
            )
            if state in (m.CardApplicationState.ISSUED, m.CardApplicationState.SPOILED):
                if state is not wanted:
                    raise ProblemError("card.application_closed", state.value)
            elif wanted is m.CardApplicationState.ISSUED:
                _issue(tx, row)
            tx.execute(
                "UPDATE card_applications SET state = ?, detail_code = ? WHERE application_id = ?",
                (wanted.value, body.detail_code, str(application_id)),
            )
            return m.CardApplicationStatus(
                application_id=application_id, card_number=row["card_number"], state=wanted
            )

        if body.application_id != application_id:
            raise ProblemError("request.invalid", "application id mismatch")
        receipt = (body.receipt_number, "card_issuance_outcome")
        return idempotent(db, request, terminal_id, await request.body(), apply, receipt=receipt)

    @router.post("/api/v1/card-activations", status_code=201, response_model=m.CardActivation)
    async def activate(
        request: Request, body: m.CardActivationRequest, terminal_id: Terminal, db: Db
    ) -> Response:
        def apply(tx: sqlite3.Connection) -> m.CardActivation:
            card = holders_card(tx, body.card_number, body.id_number)
            if card["status"] == m.CardStatus.NOT_ACTIVATED.value:
                tx.execute(
                    "UPDATE cards SET status = ? WHERE card_number = ?",
                    (m.CardStatus.ACTIVE.value, body.card_number),
                )
            elif card["status"] != m.CardStatus.ACTIVE.value:
                raise ProblemError("card.not_active", card["status"])
            return m.CardActivation(card_number=body.card_number, card_status=m.CardStatus.ACTIVE)

        receipt = (body.receipt_number, "card_activation")
        return idempotent(db, request, terminal_id, await request.body(), apply, receipt=receipt)

    @router.post("/api/v1/card-pin-resets", status_code=201, response_model=m.PersonalisationScript)
    async def reset_pin(
        request: Request, body: m.PinResetRequest, terminal_id: Terminal, db: Db
    ) -> Response:
        verdict = match_reference(
            request.app.state.faces, db, body.id_number, body.face_photo_jpeg_b64
        )

        def apply(tx: sqlite3.Connection) -> m.PersonalisationScript:
            card = holders_card(tx, body.card_number, body.id_number)
            if card["status"] not in (m.CardStatus.ACTIVE.value, m.CardStatus.NOT_ACTIVATED.value):
                raise ProblemError("card.not_active", card["status"])
            if verdict.outcome is not m.AuthenticationOutcome.AUTHENTICATED:
                raise ProblemError("card.face_mismatch")
            cryptogram = issuer_cryptogram(DEMO_ISSUER_KEY, bytes.fromhex(body.challenge_hex))
            authenticate = Command(0x00, 0x82, 0x00, 0x00, cryptogram).to_bytes().hex().upper()
            return m.PersonalisationScript(
                application_id=uuid.uuid4(),
                steps=[m.PersonalisationStep(apdu_hex=authenticate, expect_sw="9000")],
            )

        return idempotent(db, request, terminal_id, await request.body(), apply)

    return router


class CardDeliveryStatus(BaseModel):
    receipt_number: str
    stage: m.CardDeliveryStage


def deliveries_router() -> APIRouter:
    """Applying for a card made at the branch, and the branch's work on it (loopback only)."""
    router = APIRouter()

    @router.post(
        "/api/v1/card-delivery-applications",
        status_code=201,
        response_model=m.CardDeliveryApplication,
    )
    async def apply_for_delivery(
        request: Request,
        body: m.CardDeliveryApplicationRequest,
        terminal_id: Terminal,
        db: Db,
    ) -> Response:
        verdict = match_reference(
            request.app.state.faces, db, body.id_number, body.face_photo_jpeg_b64
        )

        def apply(tx: sqlite3.Connection) -> m.CardDeliveryApplication:
            person_by_id(tx, body.id_number)
            _may_apply(tx, verdict, body.id_number)
            retired = _card_to_retire(tx, body)
            application_id = uuid.uuid4()
            at = now().isoformat()
            photo = base64.b64decode(body.face_photo_jpeg_b64)  # a face was found in it
            tx.execute(
                "INSERT INTO card_deliveries (application_id, receipt_number, id_number, reason,"
                " delivery, stage, retired_card_number, photo, terminal_id, created_at,"
                " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (str(application_id), body.receipt_number, body.id_number, body.reason.value,
                 body.delivery, m.CardDeliveryStage.APPLIED.value, retired, photo, terminal_id,
                 at, at),
            )  # fmt: skip
            return m.CardDeliveryApplication(
                application_id=application_id, stage=m.CardDeliveryStage.APPLIED
            )

        receipt = (body.receipt_number, "card_delivery_application")
        return idempotent(db, request, terminal_id, await request.body(), apply, receipt=receipt)

    @router.post(DELIVERIES_PATH + "/{receipt_number}/advance", response_model=CardDeliveryStatus)
    def advance(request: Request, receipt_number: str, db: Db, today: Today) -> CardDeliveryStatus:
        loopback_only(request)
        with db.transaction() as tx:
            row = tx.execute(
                "SELECT * FROM card_deliveries WHERE receipt_number = ?", (receipt_number,)
            ).fetchone()
            if row is None:
                raise ProblemError("card.application_not_found")
            stage = NEXT_STAGE.get(m.CardDeliveryStage(row["stage"]))
            if stage is None:
                raise ProblemError("card.application_closed", row["stage"])
            card_number = row["card_number"]
            if stage is m.CardDeliveryStage.READY_FOR_DELIVERY:
                card_number = _make_delivered_card(tx, row, today)
            tx.execute(
                "UPDATE card_deliveries SET stage = ?, card_number = ?, updated_at = ?"
                " WHERE application_id = ?",
                (stage.value, card_number, now().isoformat(), row["application_id"]),
            )
        return CardDeliveryStatus(receipt_number=receipt_number, stage=stage)

    return router


def card_delivery_progress(
    tx: sqlite3.Connection, receipt_number: str
) -> tuple[m.CardDeliveryStage, datetime] | None:
    """Where the card of a delivery application stands and since when; None for a receipt of
    anything else."""
    row = tx.execute(
        "SELECT stage, updated_at FROM card_deliveries WHERE receipt_number = ?",
        (receipt_number,),
    ).fetchone()
    if row is None:
        return None
    return m.CardDeliveryStage(row["stage"]), datetime.fromisoformat(row["updated_at"])


def advance_card_delivery(base_url: str, receipt_number: str) -> m.CardDeliveryStage:
    """For tests and demos: the branch takes the card of this receipt one stage further."""
    import requests

    response = requests.post(f"{base_url}{DELIVERIES_PATH}/{receipt_number}/advance", timeout=5)
    response.raise_for_status()
    return CardDeliveryStatus.model_validate(response.json()).stage


def _make_delivered_card(tx: sqlite3.Connection, delivery: sqlite3.Row, today: date) -> str:
    """The card is made: it takes the next number of the sequence (an application row, as a
    card made at a kiosk does), goes on record to be activated, and retires the card it
    replaces."""
    number = _next_card_number(tx)
    application_id = delivery["application_id"]
    valid_until = today.replace(year=today.year + CARD_YEARS)
    tx.execute(
        "INSERT INTO card_applications (application_id, id_number, reason, card_number,"
        " retired_card_number, state, valid_from, valid_until, terminal_id, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (application_id, delivery["id_number"], delivery["reason"], number,
         delivery["retired_card_number"], m.CardApplicationState.ISSUED.value,
         today.isoformat(), valid_until.isoformat(), delivery["terminal_id"],
         now().isoformat()),
    )  # fmt: skip
    _issue(tx, _application(tx, uuid.UUID(application_id)))
    return number


def _may_apply(tx: sqlite3.Connection, verdict: Verdict, id_number: str) -> None:
    """The face matches the photo on file, the person is insured, and no card of theirs is
    being made at the branch already."""
    if verdict.outcome is not m.AuthenticationOutcome.AUTHENTICATED:
        raise ProblemError(
            "card.no_reference_photo"
            if verdict.reason_code == EligibilityReason.NO_REFERENCE_PHOTO
            else "card.face_mismatch"
        )
    insured = tx.execute(
        "SELECT 1 FROM insurances WHERE id_number = ? AND state = ?",
        (id_number, m.InsuredState.INSURED.value),
    ).fetchone()
    if insured is None:
        raise ProblemError("card.not_enrolled")
    being_made = tx.execute(
        "SELECT 1 FROM card_deliveries WHERE id_number = ? AND stage != ?",
        (id_number, m.CardDeliveryStage.READY_FOR_DELIVERY.value),
    ).fetchone()
    if being_made is not None:
        raise ProblemError("card.application_pending")


def _application(tx: sqlite3.Connection, application_id: uuid.UUID) -> sqlite3.Row:
    row: sqlite3.Row | None = tx.execute(
        "SELECT * FROM card_applications WHERE application_id = ?", (str(application_id),)
    ).fetchone()
    if row is None:
        raise ProblemError("card.application_not_found")
    return row


def _card_to_retire(
    tx: sqlite3.Connection, body: m.CardApplicationRequest | m.CardDeliveryApplicationRequest
) -> str | None:
    """The card the new one replaces, after checking the reason fits the cards on record."""
    held: dict[str, str] = {
        row["status"]: row["card_number"]
        for row in tx.execute(
            "SELECT status, card_number FROM cards WHERE id_number = ?", (body.id_number,)
        )
    }
    reason = body.reason
    if reason is m.CardApplicationReason.NEW:
        if any(status in held for status in HOLDS_A_CARD):
            raise ProblemError("card.already_held")
        return None
    if reason is m.CardApplicationReason.REPLACEMENT_LOST:
        lost = held.get(m.CardStatus.REPORTED_LOST.value)
        if lost is None:
            raise ProblemError("card.not_reported_lost")
        return lost
    damaged = held.get(m.CardStatus.ACTIVE.value)
    if damaged is None:
        raise ProblemError("card.not_active", "no active card to replace")
    return damaged


def _next_card_number(tx: sqlite3.Connection) -> str:
    """The next number of the sequence: every application takes one, spoiled or not, so no
    number is ever given twice (the column is also UNIQUE)."""
    (used,) = tx.execute("SELECT count(*) FROM card_applications").fetchone()
    return f"{CARD_NUMBER_PREFIX}{used + 1:08d}"


def _issue(tx: sqlite3.Connection, row: sqlite3.Row) -> None:
    """The card came out: it is on record (to be activated); the card it replaces is retired."""
    if row["retired_card_number"]:
        tx.execute(
            "UPDATE cards SET status = ? WHERE card_number = ?",
            (m.CardStatus.RETIRED.value, row["retired_card_number"]),
        )
    tx.execute(
        "INSERT INTO cards (card_number, id_number, status, issue_date, expiry_date)"
        " VALUES (?, ?, ?, ?, ?)",
        (row["card_number"], row["id_number"], m.CardStatus.NOT_ACTIVATED.value,
         row["valid_from"], row["valid_until"]),
    )  # fmt: skip


def chip_records(row: sqlite3.Row, person: sqlite3.Row) -> SsCardData:
    id_number: str = person["id_number"]
    region = id_number[:4] + "00"
    serial = int(row["card_number"][1:])
    return SsCardData(
        card_identification_code=f"{region}D156000005{serial:016X}",
        card_type="3",
        spec_version="3.00",
        issuing_organisation=f"{region}{0:018X}",
        issue_date=date.fromisoformat(row["valid_from"]),
        expiry_date=date.fromisoformat(row["valid_until"]),
        card_number=row["card_number"],
        social_security_number=id_number,
        name=person["name"],
        gender="1" if person["gender"] == m.Gender.MALE.value else "2",
        nation_code=int(nation_code(person["nation"])),
        birthplace_region=id_number[:6],
        birth_date=date.fromisoformat(person["birth_date"]),
    )


def _script(row: sqlite3.Row, person: sqlite3.Row, challenge: bytes) -> list[m.PersonalisationStep]:
    ok = "9000"
    data = chip_records(row, person)
    steps = [
        Command(0x00, 0x82, 0x00, 0x00, issuer_cryptogram(DEMO_ISSUER_KEY, challenge)),
        Command(0x00, 0xA4, 0x04, 0x00, SSSE_AID),
    ]
    selected: int | None = None
    for spec in RECORDS:
        if spec.file_id != selected:
            steps.append(Command(0x00, 0xA4, 0x02, 0x00, spec.file_id.to_bytes(2, "big")))
            selected = spec.file_id
        value = encode_value(spec, getattr(data, spec.field))
        record = bytes([spec.number, len(value)]) + value
        steps.append(Command(0x00, 0xDC, spec.number, 0x04, record))
    return [m.PersonalisationStep(apdu_hex=c.to_bytes().hex().upper(), expect_sw=ok) for c in steps]
