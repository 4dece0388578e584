"""What every sandbox route shares: problem+json errors, the terminal's signature, the
database, and Stripe-style idempotent writes (the first answer per key is stored with the
write in one transaction and replayed)."""

from __future__ import annotations

import hashlib
import json
import sqlite3
import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from kiosk.central import models as m
from kiosk.central.errors import PROBLEM_CODES, PROBLEM_TYPE_BASE
from kiosk.central.signing import HEADER_IDEMPOTENCY_KEY
from sandbox.db import Database

PROBLEM_JSON = "application/problem+json"
PROBLEM_TITLES = {
    400: "Bad request",
    401: "Terminal not authorised",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    422: "Unprocessable request",
    500: "Internal error",
}
TERMINAL_STATE = "sheyin_terminal_id"
"""Where TerminalAuth leaves the verified terminal id, in the request scope's state."""


class ProblemError(Exception):
    def __init__(
        self,
        code: str,
        detail: str | None = None,
        status: int | None = None,
        *,
        keep_writes: bool = False,
    ) -> None:
        super().__init__(code)
        self.code = code
        self.detail = detail
        self.status = status or PROBLEM_CODES[code][0]
        self.keep_writes = keep_writes
        """A refusal whose writes stand, e.g. a wrong PIN that counts as a failed try."""


def problem_response(status: int, code: str, detail: str | None = None) -> JSONResponse:
    body = m.Problem(
        type=PROBLEM_TYPE_BASE + code,
        title=PROBLEM_TITLES.get(status, "Error"),
        status=status,
        code=code,
        detail=detail,
    )
    return JSONResponse(body.model_dump(), status_code=status, media_type=PROBLEM_JSON)


async def verified_terminal(request: Request) -> str:
    """The terminal that TerminalAuth verified for this request (the middleware checks the
    headers, the clock, the body's size and digest, the signature and replays before any
    route sees the request)."""
    terminal_id = request.scope.get("state", {}).get(TERMINAL_STATE)
    if not isinstance(terminal_id, str):
        raise ProblemError("auth.signature_missing")
    return terminal_id


Terminal = Annotated[str, Depends(verified_terminal)]


def _db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def _today(request: Request) -> date:
    today: date = request.app.state.today()
    return today


Db = Annotated[Database, Depends(_db)]
Today = Annotated[date, Depends(_today)]


ReceiptOutcome = tuple[m.ReceiptState, str | None]


def delivered(_: BaseModel) -> ReceiptOutcome:
    return m.ReceiptState.DELIVERED, None


def idempotent(
    db: Database,
    request: Request,
    terminal_id: str,
    body: bytes,
    handler: Callable[[sqlite3.Connection], BaseModel],
    *,
    receipt: tuple[str, str] | None = None,
    receipt_outcome: Callable[[BaseModel], ReceiptOutcome] = delivered,
) -> Response:
    """Applies `handler` once per key. With `receipt` (number, operation) the outcome is also
    kept for the citizen's progress lookup, in the same transaction; so is the staff number the
    write names (table write_staff), for tests to read back."""
    key = request.headers.get(HEADER_IDEMPOTENCY_KEY)
    if not key:
        raise ProblemError("idempotency.key_missing")
    try:
        uuid.UUID(key)
    except ValueError:
        raise ProblemError("idempotency.key_invalid") from None
    fingerprint = hashlib.sha256(
        f"{request.method} {request.url.path}\n".encode() + body
    ).hexdigest()
    with db.transaction() as tx:
        stored = tx.execute(
            "SELECT fingerprint, status, body FROM idempotency WHERE terminal_id=? AND key=?",
            (terminal_id, key),
        ).fetchone()
        if stored is not None:
            if stored["fingerprint"] != fingerprint:
                raise ProblemError("idempotency.key_reused")
            return Response(
                stored["body"],
                status_code=stored["status"],
                media_type="application/json" if stored["status"] < 400 else PROBLEM_JSON,
                headers={"Idempotent-Replayed": "true"},
            )
        tx.execute("SAVEPOINT business")
        try:
            result = handler(tx)
            status, content = 201, result.model_dump_json().encode()
            progress = receipt_outcome(result)
        except ProblemError as exc:
            # A rejection undoes what the handler wrote (unless it says its writes stand), and
            # is then a result like any other: stored and replayed.
            if not exc.keep_writes:
                tx.execute("ROLLBACK TO business")
            status = exc.status
            content = bytes(problem_response(exc.status, exc.code, exc.detail).body)
            progress = (m.ReceiptState.REJECTED, exc.code)
        tx.execute("RELEASE business")
        if receipt is not None:
            tx.execute(
                "INSERT OR REPLACE INTO receipts VALUES (?, ?, ?, ?, ?, ?)",
                (receipt[0], receipt[1], terminal_id, progress[0].value, progress[1],
                 now().isoformat()),
            )  # fmt: skip
        staff_number = _staff_number(body)
        if staff_number is not None:
            tx.execute(
                "INSERT INTO write_staff VALUES (?, ?, ?, ?)",
                (terminal_id, key, request.url.path, staff_number),
            )
        tx.execute(
            "INSERT INTO idempotency VALUES (?, ?, ?, ?, ?, ?)",
            (terminal_id, key, fingerprint, status, content, now().isoformat()),
        )
    media = "application/json" if status < 400 else PROBLEM_JSON
    return Response(content, status_code=status, media_type=media)


def _staff_number(body: bytes) -> str | None:
    """The staff number a write names (the route validated the body as its model)."""
    try:
        fields = json.loads(body)
    except ValueError:
        return None
    number = fields.get("staff_number") if isinstance(fields, dict) else None
    return number if isinstance(number, str) else None


def person_by_id(tx: sqlite3.Connection, id_number: str) -> sqlite3.Row:
    """The register's row for an ID number; `person.not_found` when there is none."""
    row: sqlite3.Row | None = tx.execute(
        "SELECT * FROM persons WHERE id_number = ?", (id_number,)
    ).fetchone()
    if row is None:
        raise ProblemError("person.not_found")
    return row


def holders_card(tx: sqlite3.Connection, card_number: str, id_number: str) -> sqlite3.Row:
    """The card, checked to be this person's: `card.not_found`, `card.holder_mismatch`."""
    card: sqlite3.Row | None = tx.execute(
        "SELECT * FROM cards WHERE card_number = ?", (card_number,)
    ).fetchone()
    if card is None:
        raise ProblemError("card.not_found")
    if card["id_number"] != id_number:
        raise ProblemError("card.holder_mismatch")
    return card


def person_of(tx: sqlite3.Connection, ref: str, terminal_id: str) -> sqlite3.Row:
    row = tx.execute(
        "SELECT p.* FROM person_refs r JOIN persons p USING (id_number)"
        " WHERE r.ref = ? AND r.terminal_id = ? AND r.expires_at > ?",
        (ref, terminal_id, now().isoformat()),
    ).fetchone()
    if row is None:
        raise ProblemError("person.reference_expired")
    person: sqlite3.Row = row
    return person


def person_rows(
    db: Database, ref: str, terminal_id: str, query: str
) -> tuple[sqlite3.Row, list[sqlite3.Row]]:
    """The person behind a reference, and the rows `query` selects for their id_number."""
    with db.transaction() as tx:
        person = person_of(tx, ref, terminal_id)
        rows = tx.execute(query, (person["id_number"],)).fetchall()
    return person, rows


def now() -> datetime:
    return datetime.now(UTC)
