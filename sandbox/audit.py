"""Audit anchors: a terminal's daily "my audit log stood at record N with hash H". The sandbox
keeps them per terminal and gives a terminal back its own."""

from __future__ import annotations

import sqlite3
import uuid
from datetime import date, datetime

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kiosk.central import models as m
from sandbox.db import Database
from sandbox.http import Db, Terminal, idempotent, now

AUDIT_ANCHORS_PATH = "/api/v1/audit-anchors"
SCHEMA = """
CREATE TABLE IF NOT EXISTS audit_anchors (
    anchor_id TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, day TEXT NOT NULL,
    records INTEGER NOT NULL, last_hash TEXT NOT NULL, anchored_at TEXT NOT NULL,
    received_at TEXT NOT NULL);
"""


def audit_anchors_router(db: Database) -> APIRouter:
    """The routes, with their table made in `db` if it is not there yet."""
    with db.transaction() as tx:
        tx.execute(SCHEMA)
    router = APIRouter()

    @router.post(AUDIT_ANCHORS_PATH, status_code=201, response_model=m.AuditAnchorReceipt)
    async def keep_anchor(
        request: Request, body: m.AuditAnchor, terminal_id: Terminal, db: Db
    ) -> Response:
        def apply(tx: sqlite3.Connection) -> m.AuditAnchorReceipt:
            anchor_id, received_at = uuid.uuid4(), now()
            tx.execute(
                "INSERT INTO audit_anchors VALUES (?, ?, ?, ?, ?, ?, ?)",
                (
                    str(anchor_id), terminal_id, body.day.isoformat(), body.records,
                    body.last_hash, body.anchored_at.isoformat(), received_at.isoformat(),
                ),
            )  # fmt: skip
            return m.AuditAnchorReceipt(anchor_id=anchor_id, received_at=received_at)

        return idempotent(db, request, terminal_id, await request.body(), apply)

    @router.get(AUDIT_ANCHORS_PATH, response_model=m.AuditAnchors)
    def own_anchors(terminal_id: Terminal, db: Db) -> m.AuditAnchors:
        with db.transaction() as tx:
            rows = tx.execute(
                "SELECT * FROM audit_anchors WHERE terminal_id = ? ORDER BY records",
                (terminal_id,),
            ).fetchall()
        return m.AuditAnchors(
            items=[
                m.AuditAnchor(
                    day=date.fromisoformat(r["day"]),
                    records=r["records"],
                    last_hash=r["last_hash"],
                    anchored_at=datetime.fromisoformat(r["anchored_at"]),
                )
                for r in rows
            ]
        )

    return router
