"""The sandbox's certificates: content from the person's records, signed with this database's own
key, recorded for verification. Verification is public: anyone holding a code may ask. The
signed content names where it is verified, so a certificate verifies the same on any terminal."""

from __future__ import annotations

import secrets
import sqlite3
import string
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from fastapi import APIRouter, Request
from fastapi.responses import Response

from kiosk.central import models as m
from kiosk.central.certificates import digest, sign
from sandbox.db import Database
from sandbox.faults import loopback_only
from sandbox.http import Db, ProblemError, Terminal, idempotent, person_by_id

ISSUER = "社会保险经办机构（沙箱）"
CODE_ALPHABET = string.ascii_uppercase + string.digits


def certificates_router() -> APIRouter:
    router = APIRouter()

    @router.post("/api/v1/certificates", status_code=201, response_model=m.IssuedCertificate)
    async def issue(
        request: Request, body: m.CertificateRequest, terminal_id: Terminal, db: Db
    ) -> Response:
        key = signing_key(db)  # read before the request's own transaction opens

        def apply(tx: sqlite3.Connection) -> m.IssuedCertificate:
            person = person_by_id(tx, body.id_number)
            tables = _tables(tx, body.kind, body.id_number)
            if tables is None:
                raise ProblemError("certificate.not_eligible", body.kind.value)
            code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(16))
            issued_at = datetime.now(UTC).replace(microsecond=0)
            content = m.CertificateContent(
                verification_code=code,
                verify_url=f"{str(request.base_url).rstrip('/')}/api/v1/certificates/{code}",
                kind=body.kind,
                issued_at=issued_at,
                issuer=ISSUER,
                holder_name=person["name"],
                holder_id_number=body.id_number,
                tables=tables,
            )
            content_json = content.model_dump_json()
            tx.execute(
                "INSERT INTO certificates VALUES (?, ?, ?, ?, ?, ?)",
                (code, body.id_number, body.kind.value, issued_at.isoformat(),
                 digest(content_json), terminal_id),
            )  # fmt: skip
            return m.IssuedCertificate(
                verification_code=code,
                kind=body.kind,
                issued_at=issued_at,
                content_json=content_json,
                content_sha256=digest(content_json),
                signature=sign(key, content_json),
            )

        return idempotent(db, request, terminal_id, await request.body(), apply)

    @router.get("/_sandbox/certificate-key")
    def public_key(request: Request, db: Db) -> dict[str, str]:
        """The public half of this sandbox's signing key, for the demo's and the tests'
        terminals (a real central system publishes its key through its own channels)."""
        loopback_only(request)
        return {"public_key": public_key_hex(signing_key(db))}

    @router.get("/api/v1/certificates/{code}", response_model=m.CertificateVerification)
    def verify(code: str, db: Db) -> m.CertificateVerification:
        with db.transaction() as tx:
            row = tx.execute(
                "SELECT * FROM certificates WHERE verification_code = ?", (code,)
            ).fetchone()
        if row is None:
            return m.CertificateVerification(
                verification_code=code, valid=False, kind=None, issued_at=None,
                content_sha256=None,
            )  # fmt: skip
        return m.CertificateVerification(
            verification_code=code,
            valid=True,
            kind=m.CertificateKind(row["kind"]),
            issued_at=datetime.fromisoformat(row["issued_at"]),
            content_sha256=row["content_sha256"],
        )

    return router


def _tables(
    tx: sqlite3.Connection, kind: m.CertificateKind, id_number: str
) -> list[m.CertificateTable] | None:
    if kind is m.CertificateKind.CONTRIBUTION:
        rows = tx.execute(
            "SELECT year, kind, count(*) AS months, sum(base_fen) / count(*) AS base,"
            " sum(personal_fen) AS personal, sum(employer_fen) AS employer FROM contributions"
            " WHERE id_number = ? AND state != 'unpaid' GROUP BY year, kind"
            " ORDER BY year DESC, kind",
            (id_number,),
        ).fetchall()
        return [
            m.CertificateTable(
                columns=["year", "kind", "months_paid", "base_fen", "personal_fen", "employer_fen"],
                rows=[
                    [r["year"], r["kind"], r["months"], r["base"], r["personal"], r["employer"]]
                    for r in rows
                ],
            )
        ]
    if kind is m.CertificateKind.PERSONAL_RIGHTS:
        insured = tx.execute(
            "SELECT kind, state, coalesce(since, '') AS since, region FROM insurances"
            " WHERE id_number = ? ORDER BY kind",
            (id_number,),
        ).fetchall()
        credited = tx.execute(
            "SELECT kind, sum(to_account_fen) AS credited FROM contributions"
            " WHERE id_number = ? AND to_account_fen > 0 GROUP BY kind ORDER BY kind",
            (id_number,),
        ).fetchall()
        return [
            m.CertificateTable(
                columns=["kind", "state", "since", "region"],
                rows=[[r["kind"], r["state"], r["since"], r["region"]] for r in insured],
            ),
            m.CertificateTable(
                columns=["kind", "balance_fen"],
                rows=[[r["kind"], r["credited"]] for r in credited],
            ),
        ]
    payments = tx.execute(
        "SELECT month, kind, amount_fen, paid_on FROM benefits WHERE id_number = ?"
        " ORDER BY month DESC LIMIT 12",
        (id_number,),
    ).fetchall()
    if not payments:
        return None  # a pension-receipt certificate is for people who receive a pension
    return [
        m.CertificateTable(
            columns=["month", "kind", "amount_fen", "paid_on"],
            rows=[[r["month"][:7], r["kind"], r["amount_fen"], r["paid_on"]] for r in payments],
        )
    ]


def signing_key(db: Database) -> Ed25519PrivateKey:
    return Ed25519PrivateKey.from_private_bytes(db.certificate_signing_seed())


def public_key_hex(key: Ed25519PrivateKey) -> str:
    return key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw).hex()
