"""Help requests (求助): a citizen pressed "call staff" at a terminal; the branch lists the open
ones. A request names the terminal (the one that signed it), the screen's code, the service
and the time, nothing about the citizen."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kiosk.central import models as m
from sandbox.db import Database
from sandbox.http import Db, Terminal, idempotent, now

HELP_REQUESTS_PATH = "/api/v1/help-requests"
SCHEMA = """
CREATE TABLE IF NOT EXISTS help_requests (
    request_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, screen TEXT NOT NULL,
    service TEXT, raised_at TEXT NOT NULL, received_at TEXT NOT NULL, answered_at TEXT);
"""


def help_requests_router(db: Database) -> APIRouter:
    """The routes, with their table made in `db` if it is not there yet."""
    with db.transaction() as tx:
        tx.execute(SCHEMA)
    router = APIRouter()

    @router.post(HELP_REQUESTS_PATH, status_code=201, response_model=m.HelpRequestReceipt)
    async def raise_help_request(
        request: Request, body: m.HelpRequest, terminal_id: Terminal, db: Db
    ) -> Response:
        def apply(tx: sqlite3.Connection) -> m.HelpRequestReceipt:
            request_id, received_at = uuid.uuid4(), now()
            tx.execute(
                "INSERT INTO help_requests VALUES (?, ?, ?, ?, ?, ?, NULL)",
                (
                    str(request_id), terminal_id, body.screen, body.service,
                    body.raised_at.isoformat(), received_at.isoformat(),
                ),
            )  # fmt: skip
            return m.HelpRequestReceipt(request_id=request_id, received_at=received_at)

        return idempotent(db, request, terminal_id, await request.body(), apply)

    @router.get(HELP_REQUESTS_PATH, response_model=m.HelpRequests)
    def open_help_requests(_: Terminal, db: Db) -> m.HelpRequests:
        """The branch's list: every request not yet answered, oldest first. Any terminal may
        read it (a staff terminal shows it); it holds nothing personal."""
        with db.transaction() as tx:
            rows = tx.execute(
                "SELECT * FROM help_requests WHERE answered_at IS NULL ORDER BY raised_at"
            ).fetchall()
        return m.HelpRequests(
            items=[
                m.OpenHelpRequest(
                    request_id=uuid.UUID(r["request_id"]),
                    terminal_id=r["terminal_id"],
                    screen=r["screen"],
                    service=r["service"],
                    raised_at=datetime.fromisoformat(r["raised_at"]),
                    received_at=datetime.fromisoformat(r["received_at"]),
                )
                for r in rows
            ]
        )

    return router
