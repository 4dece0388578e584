"""The sandbox central system's HTTP API (FastAPI): the same models as the client, over real HTTP.

Every API route but /health and certificate verification checks the terminal's signature;
writes are idempotent as Stripe defines it. What the routes share (problems, the signature
check, idempotency) is in http.py, so the other route modules import it rather than this one.
"""

from __future__ import annotations

import json
import logging
import secrets
import sqlite3
import uuid
from collections.abc import Callable
from datetime import date, datetime, timedelta

from fastapi import APIRouter, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from kiosk.central import models as m
from kiosk.domain.identity import age_on
from sandbox.audit import audit_anchors_router
from sandbox.auth import MAX_BODY_BYTES, TerminalAuth
from sandbox.cards import (
    applications_router,
    card_delivery_progress,
    deliveries_router,
    issuance_router,
)
from sandbox.certificates import certificates_router
from sandbox.db import Database
from sandbox.faces import (
    FaceJudge,
    judge_face,
    match_reference,
    reference_photos_router,
    reviews_router,
)
from sandbox.faults import AnswerDropped, FaultInjection, Faults, faults_router
from sandbox.help import help_requests_router
from sandbox.http import (
    Db,
    ProblemError,
    ReceiptOutcome,
    Terminal,
    Today,
    holders_card,
    idempotent,
    now,
    person_by_id,
    person_of,
    person_rows,
    problem_response,
)
from sandbox.payments import money_router, orders_router
from sandbox.staff import staff_router
from sandbox.technicians import technicians_router

log = logging.getLogger(__name__)

VERSION = "sandbox-1"
PERSON_REF_TTL = timedelta(minutes=15)
ACCOUNT_INTEREST_RATE = 0.025
router = APIRouter()


@router.get("/api/v1/health", response_model=m.Health)
def health() -> m.Health:
    return m.Health(status="ok", version=VERSION, time=now())


@router.post("/api/v1/identifications", response_model=m.Identification)
def identify(request: m.IdentificationRequest, terminal_id: Terminal, db: Db) -> m.Identification:
    with db.transaction() as tx:
        person = person_by_id(tx, request.id_number)
        card_status = None
        if request.card_number:
            card = holders_card(tx, request.card_number, request.id_number)
            card_status = m.CardStatus(card["status"])
        pensioner = tx.execute(
            "SELECT 1 FROM insurances WHERE id_number = ? AND state = ?",
            (request.id_number, m.InsuredState.RECEIVING_BENEFITS.value),
        ).fetchone()
        ref = secrets.token_urlsafe(24)
        expires = now() + PERSON_REF_TTL
        tx.execute(
            "INSERT INTO person_refs VALUES (?, ?, ?, ?)",
            (ref, request.id_number, terminal_id, expires.isoformat()),
        )
        tx.execute("DELETE FROM person_refs WHERE expires_at < ?", (now().isoformat(),))
    return m.Identification(
        person_ref=ref,
        expires_at=expires,
        name=person["name"],
        gender=m.Gender(person["gender"]),
        birth_date=date.fromisoformat(person["birth_date"]),
        card_status=card_status,
        is_pensioner=pensioner is not None,
    )


@router.get("/api/v1/persons/{ref}/insurances", response_model=m.InsuredStatus)
def insurances(ref: str, terminal_id: Terminal, db: Db) -> m.InsuredStatus:
    _, rows = person_rows(
        db,
        ref,
        terminal_id,
        "SELECT * FROM insurances WHERE id_number = ? ORDER BY kind",
    )
    return m.InsuredStatus(
        items=[
            m.InsuranceStatus(
                kind=m.InsuranceKind(r["kind"]),
                state=m.InsuredState(r["state"]),
                since=date.fromisoformat(r["since"]) if r["since"] else None,
                region=r["region"],
            )
            for r in rows
        ]
    )


@router.get("/api/v1/persons/{ref}/contributions", response_model=m.ContributionHistory)
def contributions(ref: str, terminal_id: Terminal, db: Db) -> m.ContributionHistory:
    _, rows = person_rows(
        db,
        ref,
        terminal_id,
        "SELECT * FROM contributions WHERE id_number = ? ORDER BY year DESC, kind, month",
    )
    years: dict[tuple[int, str], list[m.ContributionMonth]] = {}
    for r in rows:
        years.setdefault((r["year"], r["kind"]), []).append(
            m.ContributionMonth(
                month=r["month"],
                base_fen=r["base_fen"],
                personal_fen=r["personal_fen"],
                employer_fen=r["employer_fen"],
                to_account_fen=r["to_account_fen"],
                state=m.PaymentState(r["state"]),
            )
        )
    return m.ContributionHistory(
        years=[
            m.ContributionYear(year=year, kind=m.InsuranceKind(kind), months=months)
            for (year, kind), months in years.items()
        ]
    )


@router.get("/api/v1/persons/{ref}/accounts", response_model=m.PersonalAccounts)
def accounts(ref: str, terminal_id: Terminal, db: Db, today: Today) -> m.PersonalAccounts:
    _, rows = person_rows(
        db,
        ref,
        terminal_id,
        "SELECT kind, year, sum(to_account_fen) AS credited FROM contributions"
        " WHERE id_number = ? AND to_account_fen > 0 GROUP BY kind, year"
        " ORDER BY kind, year",
    )
    by_kind: dict[str, list[sqlite3.Row]] = {}
    for r in rows:
        by_kind.setdefault(r["kind"], []).append(r)
    result = []
    for kind, kind_rows in by_kind.items():
        balance, years = 0, []
        for r in kind_rows:
            interest = round(balance * ACCOUNT_INTEREST_RATE)
            balance += interest + r["credited"]
            years.append(
                m.AccountYear(
                    year=r["year"],
                    credited_fen=r["credited"],
                    interest_fen=interest,
                    closing_balance_fen=balance,
                )
            )
        result.append(
            m.PersonalAccount(
                kind=m.InsuranceKind(kind),
                balance_fen=balance,
                as_of=today,
                years=list(reversed(years)),
            )
        )
    return m.PersonalAccounts(accounts=result)


@router.get("/api/v1/persons/{ref}/benefits", response_model=m.BenefitPayments)
def benefits(ref: str, terminal_id: Terminal, db: Db) -> m.BenefitPayments:
    person, rows = person_rows(
        db,
        ref,
        terminal_id,
        "SELECT * FROM benefits WHERE id_number = ? ORDER BY month DESC",
    )
    return m.BenefitPayments(
        items=[
            m.BenefitPayment(
                month=date.fromisoformat(r["month"]),
                kind=m.InsuranceKind(r["kind"]),
                amount_fen=r["amount_fen"],
                paid_on=date.fromisoformat(r["paid_on"]),
                bank_account_tail=person["bank_account_tail"],
            )
            for r in rows
        ]
    )


@router.get("/api/v1/persons/{ref}/eligibility", response_model=m.EligibilityStatus)
def eligibility(ref: str, terminal_id: Terminal, db: Db, today: Today) -> m.EligibilityStatus:
    with db.transaction() as tx:
        person = person_of(tx, ref, terminal_id)
        row = tx.execute(
            "SELECT * FROM eligibility WHERE id_number = ?", (person["id_number"],)
        ).fetchone()
    if row is None:
        return m.EligibilityStatus(due=False, last_authenticated_on=None, valid_until=None)
    valid_until = date.fromisoformat(row["valid_until"])
    return m.EligibilityStatus(
        due=valid_until < today,
        last_authenticated_on=date.fromisoformat(row["last_authenticated_on"]),
        valid_until=valid_until,
    )


@router.post("/api/v1/enrollments", status_code=201, response_model=m.EnrollmentReceipt)
async def enroll(
    request: Request, body: m.EnrollmentRequest, terminal_id: Terminal, db: Db, today: Today
) -> Response:
    def apply(tx: sqlite3.Connection) -> m.EnrollmentReceipt:
        person = person_by_id(tx, body.id_number)
        if person["name"] != body.name or person["birth_date"] != body.birth_date.isoformat():
            raise ProblemError("enrollment.not_eligible", "register mismatch")
        age = age_on(body.birth_date, today)
        if m.InsuranceKind.RESIDENT_PENSION in body.insurances and age < 16:
            raise ProblemError("enrollment.not_eligible", "under 16")
        for kind in body.insurances:
            # The employees' scheme covers the same risk: one pension, one medical insurance.
            same_risk = (kind.value, kind.value.replace("resident_", "employee_"))
            if tx.execute(
                "SELECT 1 FROM insurances WHERE id_number = ? AND kind IN (?, ?)",
                (body.id_number, *same_risk),
            ).fetchone():
                raise ProblemError("enrollment.already_enrolled", kind.value)
        effective = today
        for kind in body.insurances:
            tx.execute(
                "INSERT INTO insurances VALUES (?, ?, ?, ?, ?)",
                (
                    body.id_number, kind.value, m.InsuredState.INSURED.value,
                    effective.isoformat(), body.id_number[:6],
                ),
            )  # fmt: skip
        enrollment_id = uuid.uuid4()
        tx.execute(
            "INSERT INTO enrollments VALUES (?, ?, ?, ?, ?, ?)",
            (
                str(enrollment_id), body.id_number,
                json.dumps([k.value for k in body.insurances]), body.mobile,
                terminal_id, now().isoformat(),
            ),
        )  # fmt: skip
        return m.EnrollmentReceipt(
            enrollment_id=enrollment_id,
            insurances=list(body.insurances),
            effective_from=effective,
        )

    receipt = (body.receipt_number, "enrollment")
    return idempotent(db, request, terminal_id, await request.body(), apply, receipt=receipt)


@router.post("/api/v1/card-loss-reports", status_code=201, response_model=m.CardLossReportReceipt)
async def report_loss(
    request: Request, body: m.CardLossReportRequest, terminal_id: Terminal, db: Db
) -> Response:
    face_matches = None
    if body.face_photo_jpeg_b64 is not None:
        verdict = match_reference(
            request.app.state.faces, db, body.id_number, body.face_photo_jpeg_b64
        )
        face_matches = verdict.outcome is m.AuthenticationOutcome.AUTHENTICATED

    def apply(tx: sqlite3.Connection) -> m.CardLossReportReceipt:
        person = person_by_id(tx, body.id_number)
        if body.card_number is None and body.registered_mobile is None and face_matches is None:
            raise ProblemError("loss_report.proof_missing")
        if face_matches is False:
            raise ProblemError("loss_report.proof_mismatch")
        if body.registered_mobile is not None and body.registered_mobile != person["mobile"]:
            raise ProblemError("loss_report.proof_mismatch")
        if body.card_number is not None:
            card = holders_card(tx, body.card_number, body.id_number)
        else:
            card = tx.execute(
                "SELECT * FROM cards WHERE id_number = ? AND status = ?"
                " ORDER BY issue_date DESC LIMIT 1",
                (body.id_number, m.CardStatus.ACTIVE.value),
            ).fetchone()
            if card is None:
                raise ProblemError("card.not_active", "no active card")
        if card["status"] != m.CardStatus.ACTIVE.value:
            raise ProblemError("card.not_active", card["status"])
        tx.execute(
            "UPDATE cards SET status = ? WHERE card_number = ?",
            (m.CardStatus.REPORTED_LOST.value, card["card_number"]),
        )
        report_id = uuid.uuid4()
        tx.execute(
            "INSERT INTO loss_reports VALUES (?, ?, ?, ?)",
            (str(report_id), card["card_number"], terminal_id, body.reported_at.isoformat()),
        )
        return m.CardLossReportReceipt(
            report_id=report_id,
            card_number=card["card_number"],
            card_status=m.CardStatus.REPORTED_LOST,
            reported_at=body.reported_at,
        )

    receipt = (body.receipt_number, "card_loss_report")
    return idempotent(db, request, terminal_id, await request.body(), apply, receipt=receipt)


ELIGIBILITY_VALID_DAYS = 365


@router.post(
    "/api/v1/eligibility-authentications",
    status_code=201,
    response_model=m.EligibilityAuthenticationResult,
)
async def authenticate_eligibility(
    request: Request,
    body: m.EligibilityAuthenticationRequest,
    terminal_id: Terminal,
    db: Db,
    today: Today,
) -> Response:
    """A proof of life: the terminal's liveness trace and best frame, matched here against the
    reference photo on file with the same matcher the kiosk has (kiosk.face)."""
    verdict = judge_face(request.app.state.faces, db, body)

    def apply(tx: sqlite3.Connection) -> m.EligibilityAuthenticationResult:
        if (
            tx.execute("SELECT 1 FROM persons WHERE id_number = ?", (body.id_number,)).fetchone()
            is None
        ):
            raise ProblemError("person.not_found")
        valid_until = None
        if verdict.outcome is m.AuthenticationOutcome.AUTHENTICATED:
            valid_until = today + timedelta(days=ELIGIBILITY_VALID_DAYS)
            tx.execute(
                "INSERT OR REPLACE INTO eligibility VALUES (?, ?, ?)",
                (body.id_number, today.isoformat(), valid_until.isoformat()),
            )
        authentication_id = uuid.uuid4()
        tx.execute(
            "INSERT INTO authentications VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                str(authentication_id), body.id_number, body.receipt_number,
                body.captured_at.isoformat(), int(body.captured_offline), verdict.score,
                verdict.outcome.value, valid_until.isoformat() if valid_until else None,
                terminal_id, now().isoformat(),
            ),
        )  # fmt: skip
        return m.EligibilityAuthenticationResult(
            authentication_id=authentication_id,
            outcome=verdict.outcome,
            match_score=verdict.score,
            valid_until=valid_until,
            reason_code=verdict.reason_code,
        )

    def progress(result: BaseModel) -> ReceiptOutcome:
        assert isinstance(result, m.EligibilityAuthenticationResult)
        return {
            m.AuthenticationOutcome.AUTHENTICATED: (m.ReceiptState.DELIVERED, None),
            m.AuthenticationOutcome.UNDER_REVIEW: (m.ReceiptState.UNDER_REVIEW, result.reason_code),
            m.AuthenticationOutcome.REJECTED: (m.ReceiptState.REJECTED, result.reason_code),
        }[result.outcome]

    receipt = (body.receipt_number, "eligibility_authentication")
    return idempotent(
        db, request, terminal_id, await request.body(), apply, receipt=receipt,
        receipt_outcome=progress,
    )  # fmt: skip


@router.get("/api/v1/receipts/{receipt_number}", response_model=m.ReceiptProgress)
def receipt_progress(receipt_number: str, _: Terminal, db: Db) -> m.ReceiptProgress:
    """Any terminal may look a receipt up: a citizen checks progress wherever they are. The
    answer holds no personal data."""
    with db.transaction() as tx:
        row = tx.execute(
            "SELECT * FROM receipts WHERE receipt_number = ?", (receipt_number,)
        ).fetchone()
        card = card_delivery_progress(tx, receipt_number)
    if row is None:
        raise ProblemError("receipt.not_found")
    return m.ReceiptProgress(
        receipt_number=row["receipt_number"],
        operation=row["operation"],
        state=m.ReceiptState(row["state"]),
        reason_code=row["reason_code"],
        updated_at=card[1] if card else datetime.fromisoformat(row["updated_at"]),
        card_stage=card[0] if card else None,
    )


def create_app(
    db: Database,
    today: Callable[[], date] = date.today,
    faults: Faults | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    app = FastAPI(title="Sheyin sandbox central system", version=VERSION, docs_url=None)
    app.state.db = db
    app.state.today = today
    app.state.faults = faults = faults or Faults()
    app.state.faces = FaceJudge()
    routers = [
        router,
        faults_router(faults),
        reviews_router(),
        reference_photos_router(),
        certificates_router(),
        orders_router(),
        money_router(),
        applications_router(),
        issuance_router(),
        deliveries_router(),
        help_requests_router(db),
        audit_anchors_router(db),
        technicians_router(),
        staff_router(),
    ]
    for each in routers:
        app.include_router(each)
    routes = [route for each in routers for route in each.routes]
    # Added first, so inside FaultInjection: an injected 503 is answered before the
    # signature is looked at (and recorded as seen), so that the client's retry is no replay.
    app.add_middleware(TerminalAuth, db=db, routes=routes, max_body_bytes=max_body_bytes)
    app.add_middleware(FaultInjection, faults=faults)

    @app.exception_handler(ProblemError)
    async def _problem(_: Request, exc: ProblemError) -> JSONResponse:
        return problem_response(exc.status, exc.code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # Name the fields only: the default handler echoes the input, which is personal data.
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return problem_response(422, "request.invalid", "the body is not JSON")
        fields = sorted({".".join(str(p) for p in e["loc"][1:]) for e in errors})
        return problem_response(422, "request.invalid", "invalid fields: " + ", ".join(fields))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        if exc.status_code == 404:
            return problem_response(404, "route.not_found")
        if exc.status_code == 405:
            return problem_response(405, "request.not_allowed")
        # FastAPI's 400 is a body it could not parse (e.g. not UTF-8): invalid, as bad JSON is.
        return problem_response(422, "request.invalid", "the body is not JSON")

    @app.exception_handler(Exception)
    async def _crash(_: Request, exc: Exception) -> JSONResponse:
        if isinstance(exc, AnswerDropped):
            raise exc  # on purpose (fault injection): the server closes the connection
        log.error("sandbox internal error: %s", type(exc).__name__)
        return problem_response(500, "internal.error")

    return app
