"""The sandbox's SQLite database: schema and seeding from the demo citizens."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from kiosk.central.models import InsuranceKind, InsuredState, PaymentState
from sandbox.citizens import DEMO_CITIZENS, DemoCitizen, bank_pan
from sandbox.credentials import DEMO_TERMINAL_ID, DEMO_TERMINAL_KEY

SCHEMA = """
CREATE TABLE IF NOT EXISTS sandbox_keys (name TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY, key_hex TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS persons (
    id_number TEXT PRIMARY KEY, name TEXT NOT NULL, gender TEXT NOT NULL, nation TEXT NOT NULL,
    birth_date TEXT NOT NULL, address TEXT NOT NULL, mobile TEXT NOT NULL,
    bank_account_tail TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS cards (
    card_number TEXT PRIMARY KEY, id_number TEXT NOT NULL REFERENCES persons,
    status TEXT NOT NULL, issue_date TEXT NOT NULL, expiry_date TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS insurances (
    id_number TEXT NOT NULL REFERENCES persons, kind TEXT NOT NULL, state TEXT NOT NULL,
    since TEXT, region TEXT NOT NULL, PRIMARY KEY (id_number, kind));
CREATE TABLE IF NOT EXISTS contributions (
    id_number TEXT NOT NULL REFERENCES persons, kind TEXT NOT NULL, year INTEGER NOT NULL,
    month INTEGER NOT NULL, base_fen INTEGER NOT NULL, personal_fen INTEGER NOT NULL,
    employer_fen INTEGER NOT NULL, to_account_fen INTEGER NOT NULL, state TEXT NOT NULL,
    PRIMARY KEY (id_number, kind, year, month));
CREATE TABLE IF NOT EXISTS benefits (
    id_number TEXT NOT NULL REFERENCES persons, kind TEXT NOT NULL, month TEXT NOT NULL,
    amount_fen INTEGER NOT NULL, paid_on TEXT NOT NULL, PRIMARY KEY (id_number, kind, month));
CREATE TABLE IF NOT EXISTS eligibility (
    id_number TEXT PRIMARY KEY REFERENCES persons, last_authenticated_on TEXT,
    valid_until TEXT);
CREATE TABLE IF NOT EXISTS person_refs (
    ref TEXT PRIMARY KEY, id_number TEXT NOT NULL, terminal_id TEXT NOT NULL,
    expires_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency (
    terminal_id TEXT NOT NULL, key TEXT NOT NULL, fingerprint TEXT NOT NULL,
    status INTEGER NOT NULL, body BLOB NOT NULL, created_at TEXT NOT NULL,
    PRIMARY KEY (terminal_id, key));
CREATE TABLE IF NOT EXISTS enrollments (
    enrollment_id TEXT PRIMARY KEY, id_number TEXT NOT NULL, insurances TEXT NOT NULL,
    mobile TEXT NOT NULL, terminal_id TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS loss_reports (
    report_id TEXT PRIMARY KEY, card_number TEXT NOT NULL, terminal_id TEXT NOT NULL,
    reported_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reference_faces (
    id_number TEXT PRIMARY KEY REFERENCES persons, photo BLOB NOT NULL, descriptor BLOB);
CREATE TABLE IF NOT EXISTS certificates (
    verification_code TEXT PRIMARY KEY, id_number TEXT NOT NULL, kind TEXT NOT NULL,
    issued_at TEXT NOT NULL, content_sha256 TEXT NOT NULL, terminal_id TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS payment_orders (
    order_id TEXT PRIMARY KEY, id_number TEXT NOT NULL, kind TEXT NOT NULL, year INTEGER NOT NULL,
    grade INTEGER NOT NULL, amount_fen INTEGER NOT NULL, method TEXT NOT NULL, state TEXT NOT NULL,
    created_at TEXT NOT NULL, expires_at TEXT NOT NULL, bank_reference TEXT, paid_at TEXT,
    terminal_id TEXT NOT NULL, debit_failures INTEGER NOT NULL DEFAULT 0);
-- The acquiring bank's cards: wrong debit PINs count per card over every order, and the PIN is
-- kept only as an HMAC under this database's own key (sandbox_keys 'bank_pins').
CREATE TABLE IF NOT EXISTS bank_cards (
    pan TEXT PRIMARY KEY, pin_verifier BLOB NOT NULL, failures INTEGER NOT NULL DEFAULT 0,
    blocked INTEGER NOT NULL DEFAULT 0);
CREATE TABLE IF NOT EXISTS card_applications (
    application_id TEXT PRIMARY KEY, id_number TEXT NOT NULL, reason TEXT NOT NULL,
    card_number TEXT NOT NULL UNIQUE, retired_card_number TEXT, state TEXT NOT NULL,
    valid_from TEXT NOT NULL, valid_until TEXT NOT NULL, detail_code TEXT,
    terminal_id TEXT NOT NULL, created_at TEXT NOT NULL);
-- The member of staff each write named (its staff_number), by the write's idempotency key; a
-- write that named nobody has no row.
CREATE TABLE IF NOT EXISTS write_staff (
    terminal_id TEXT NOT NULL, key TEXT NOT NULL, path TEXT NOT NULL,
    staff_number TEXT NOT NULL, PRIMARY KEY (terminal_id, key));
-- Cards applied for with delivery: made at the branch, then brought or collected. The photo
-- taken at the door is the card's; the card number is given when the card is made.
CREATE TABLE IF NOT EXISTS card_deliveries (
    application_id TEXT PRIMARY KEY, receipt_number TEXT NOT NULL UNIQUE,
    id_number TEXT NOT NULL, reason TEXT NOT NULL, delivery TEXT NOT NULL, stage TEXT NOT NULL,
    retired_card_number TEXT, card_number TEXT, photo BLOB NOT NULL, terminal_id TEXT NOT NULL,
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS receipts (
    receipt_number TEXT PRIMARY KEY, operation TEXT NOT NULL, terminal_id TEXT NOT NULL,
    state TEXT NOT NULL, reason_code TEXT, updated_at TEXT NOT NULL);
-- No unique receipt here on purpose: a write applied twice would show as two rows.
CREATE TABLE IF NOT EXISTS authentications (
    authentication_id TEXT PRIMARY KEY, id_number TEXT NOT NULL, receipt_number TEXT NOT NULL,
    captured_at TEXT NOT NULL, captured_offline INTEGER NOT NULL, match_score REAL,
    outcome TEXT NOT NULL, valid_until TEXT, terminal_id TEXT NOT NULL,
    created_at TEXT NOT NULL);
"""

FACES_DIR = Path(__file__).parent / "faces"
"""Reference photos on file for demo citizens (see SOURCES.md there)."""
REFERENCE_PHOTOS = {
    "pensioner-due": "pensioner-due.jpg",
    # The demo has one face (the camera simulator plays it): the citizens who apply for a card
    # or report one lost by face at the demo kiosk have it on file too.
    "no-card": "pensioner-due.jpg",
    "card-lost": "pensioner-due.jpg",
    "contributor": "pensioner-due.jpg",
    "card-not-activated": "pensioner-due.jpg",
}

# Contribution rates used by the seed (a typical city's 2020s rates).
EMPLOYEE_PENSION_PERSONAL = 0.08
EMPLOYEE_PENSION_EMPLOYER = 0.16
EMPLOYEE_MEDICAL_PERSONAL = 0.02
EMPLOYEE_MEDICAL_EMPLOYER = 0.07
RESIDENT_PENSION_GRADES_FEN = (20_000, 50_000, 100_000, 200_000, 300_000)
RESIDENT_MEDICAL_FEN = 38_000


class Database:
    """One connection guarded by a lock: the sandbox serialises writes, as a small bureau would."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.row_factory = sqlite3.Row
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._lock = threading.RLock()
        self._conn.executescript(SCHEMA)
        self._migrate_bank_cards()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def certificate_signing_seed(self) -> bytes:
        """This database's own Ed25519 signing seed, made with it: certificates of one sandbox
        verify only with its public key, and no seed ships with the source."""
        with self.transaction() as tx:
            row = tx.execute(
                "SELECT value FROM sandbox_keys WHERE name = 'certificates'"
            ).fetchone()
            if row is None:
                seed = secrets.token_bytes(32)
                tx.execute("INSERT INTO sandbox_keys VALUES ('certificates', ?)", (seed,))
                return seed
        return bytes(row[0])

    def _migrate_bank_cards(self) -> None:
        """A database seeded before the bank kept its own cards gets them now, from the roster
        (the table itself came with SCHEMA); a new database gets them with its seed."""
        with self.transaction() as tx:
            seeded = tx.execute("SELECT 1 FROM persons LIMIT 1").fetchone() is not None
            if seeded and tx.execute("SELECT 1 FROM bank_cards LIMIT 1").fetchone() is None:
                _seed_bank_cards(tx)

    def is_seeded(self) -> bool:
        with self._lock:
            count: int = self._conn.execute("SELECT count(*) FROM persons").fetchone()[0]
        return count > 0

    def seed(self, today: date) -> None:
        """Loads the demo citizens; their histories are placed relative to `today`."""
        with self.transaction() as tx:
            tx.execute(
                "INSERT OR REPLACE INTO terminals VALUES (?, ?)",
                (DEMO_TERMINAL_ID, DEMO_TERMINAL_KEY),
            )
            for citizen in DEMO_CITIZENS:
                _seed_citizen(tx, citizen, today)
            _seed_bank_cards(tx)


def bank_pin_key(tx: sqlite3.Connection) -> bytes:
    """This database's own key for the bank's PIN verifiers, made with its first bank card."""
    row = tx.execute("SELECT value FROM sandbox_keys WHERE name = 'bank_pins'").fetchone()
    if row is not None:
        return bytes(row[0])
    key = secrets.token_bytes(32)
    tx.execute("INSERT INTO sandbox_keys VALUES ('bank_pins', ?)", (key,))
    return key


def bank_pin_verifier(key: bytes, pan: str, pin: str) -> bytes:
    """What the bank keeps of a card's PIN: an HMAC bound to the card, never the PIN itself."""
    return hmac.new(key, f"{pan}\x00{pin}".encode("ascii"), hashlib.sha256).digest()


def _seed_bank_cards(tx: sqlite3.Connection) -> None:
    """The demo citizens' debit cards at the bank; the demo's bank PIN is the card's own."""
    key = bank_pin_key(tx)
    for citizen in DEMO_CITIZENS:
        if citizen.card is None:
            continue
        pan = bank_pan(citizen)
        tx.execute(
            "INSERT OR IGNORE INTO bank_cards (pan, pin_verifier) VALUES (?, ?)",
            (pan, bank_pin_verifier(key, pan, citizen.card.pin)),
        )


def _seed_citizen(tx: sqlite3.Connection, c: DemoCitizen, today: date) -> None:
    tx.execute(
        "INSERT INTO persons VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            c.id_number, c.name, c.gender.value, c.nation, c.birth_date.isoformat(),
            c.address, c.mobile, f"{6200 + DEMO_CITIZENS.index(c):04d}",
        ),
    )  # fmt: skip
    if c.key in REFERENCE_PHOTOS:
        photo = FACES_DIR / REFERENCE_PHOTOS[c.key]
        # The descriptor is computed at the first match, not here: seeding stays fast.
        tx.execute(
            "INSERT INTO reference_faces VALUES (?, ?, NULL)", (c.id_number, photo.read_bytes())
        )
    if c.card:
        tx.execute(
            "INSERT INTO cards VALUES (?, ?, ?, ?, ?)",
            (
                c.card.card_number, c.id_number, c.card.status.value,
                c.card.issue_date(today).isoformat(), c.card.expiry_date(today).isoformat(),
            ),
        )  # fmt: skip
    seeders = {
        "pensioner-due": _seed_resident_pensioner,
        "pensioner-authenticated": _seed_employee_pensioner,
        "contributor": _seed_employee,
        "card-lost": _seed_employee,
        "unpaid-year": _seed_resident_contributor,
        "card-expired": _seed_resident_contributor,
        "no-card": _seed_resident_contributor,
        "card-not-activated": _seed_resident_contributor,
    }
    seeder = seeders.get(c.key)
    if seeder:
        seeder(tx, c, today)


def _insure(
    tx: sqlite3.Connection, c: DemoCitizen, kind: InsuranceKind, state: InsuredState, since: date
) -> None:
    tx.execute(
        "INSERT INTO insurances VALUES (?, ?, ?, ?, ?)",
        (c.id_number, kind.value, state.value, since.isoformat(), c.region),
    )


def _monthly(
    tx: sqlite3.Connection,
    c: DemoCitizen,
    kind: InsuranceKind,
    *,
    first: date,
    last: date,
    base_fen: int,
    rates: tuple[float, float],
    to_account: bool,
) -> None:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        base = base_fen + (year - first.year) * 30_000  # wages rise a little each year
        personal = round(base * rates[0])
        employer = round(base * rates[1])
        tx.execute(
            "INSERT INTO contributions VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                c.id_number, kind.value, year, month, base, personal, employer,
                personal if to_account else 0, PaymentState.PAID.value,
            ),
        )  # fmt: skip
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def _annual(
    tx: sqlite3.Connection, c: DemoCitizen, kind: InsuranceKind, year: int, *, fen: int, paid: bool
) -> None:
    tx.execute(
        "INSERT INTO contributions VALUES (?, ?, ?, 12, 0, ?, 0, ?, ?)",
        (
            c.id_number, kind.value, year, fen if paid else 0,
            fen if paid and kind is InsuranceKind.RESIDENT_PENSION else 0,
            (PaymentState.PAID if paid else PaymentState.UNPAID).value,
        ),
    )  # fmt: skip


def _pension_payments(
    tx: sqlite3.Connection, c: DemoCitizen, kind: InsuranceKind, amount_fen: int, today: date
) -> None:
    month = date(today.year, today.month, 1)
    for _ in range(12):
        paid_on = month.replace(day=10)
        if paid_on <= today:
            tx.execute(
                "INSERT INTO benefits VALUES (?, ?, ?, ?, ?)",
                (c.id_number, kind.value, month.isoformat(), amount_fen, paid_on.isoformat()),
            )
        month = (month - timedelta(days=1)).replace(day=1)


def _eligibility(tx: sqlite3.Connection, c: DemoCitizen, last: date) -> None:
    tx.execute(
        "INSERT INTO eligibility VALUES (?, ?, ?)",
        (c.id_number, last.isoformat(), (last + timedelta(days=365)).isoformat()),
    )


def _seed_resident_pensioner(tx: sqlite3.Connection, c: DemoCitizen, today: date) -> None:
    _insure(
        tx, c, InsuranceKind.RESIDENT_PENSION, InsuredState.RECEIVING_BENEFITS, date(2011, 7, 1)
    )
    _insure(tx, c, InsuranceKind.RESIDENT_MEDICAL, InsuredState.INSURED, date(2010, 1, 1))
    for year in range(today.year - 3, today.year + 1):
        _annual(tx, c, InsuranceKind.RESIDENT_MEDICAL, year, fen=RESIDENT_MEDICAL_FEN, paid=True)
    _pension_payments(tx, c, InsuranceKind.RESIDENT_PENSION, 21_350, today)
    _eligibility(tx, c, today - timedelta(days=400))  # the year ran out: due now


def _seed_employee_pensioner(tx: sqlite3.Connection, c: DemoCitizen, today: date) -> None:
    _insure(
        tx, c, InsuranceKind.EMPLOYEE_PENSION, InsuredState.RECEIVING_BENEFITS, date(1985, 1, 1)
    )
    _insure(tx, c, InsuranceKind.EMPLOYEE_MEDICAL, InsuredState.INSURED, date(1999, 1, 1))
    _pension_payments(tx, c, InsuranceKind.EMPLOYEE_PENSION, 412_680, today)
    _eligibility(tx, c, today - timedelta(days=60))


def _seed_employee(tx: sqlite3.Connection, c: DemoCitizen, today: date) -> None:
    first = date(today.year - 6, 1, 1)
    last = (date(today.year, today.month, 1) - timedelta(days=1)).replace(day=1)
    _insure(tx, c, InsuranceKind.EMPLOYEE_PENSION, InsuredState.INSURED, first)
    _insure(tx, c, InsuranceKind.EMPLOYEE_MEDICAL, InsuredState.INSURED, first)
    _insure(tx, c, InsuranceKind.UNEMPLOYMENT, InsuredState.INSURED, first)
    pension_rates = (EMPLOYEE_PENSION_PERSONAL, EMPLOYEE_PENSION_EMPLOYER)
    medical_rates = (EMPLOYEE_MEDICAL_PERSONAL, EMPLOYEE_MEDICAL_EMPLOYER)
    _monthly(
        tx, c, InsuranceKind.EMPLOYEE_PENSION, first=first, last=last, base_fen=800_000,
        rates=pension_rates, to_account=True,
    )  # fmt: skip
    _monthly(
        tx, c, InsuranceKind.EMPLOYEE_MEDICAL, first=first, last=last, base_fen=800_000,
        rates=medical_rates, to_account=True,
    )  # fmt: skip


def _seed_resident_contributor(tx: sqlite3.Connection, c: DemoCitizen, today: date) -> None:
    first_year = today.year - 5
    _insure(tx, c, InsuranceKind.RESIDENT_PENSION, InsuredState.INSURED, date(first_year, 1, 1))
    _insure(tx, c, InsuranceKind.RESIDENT_MEDICAL, InsuredState.INSURED, date(first_year, 1, 1))
    unpaid_year = today.year - 2 if c.key == "unpaid-year" else None
    for year in range(first_year, today.year):
        grade = RESIDENT_PENSION_GRADES_FEN[1]
        _annual(tx, c, InsuranceKind.RESIDENT_PENSION, year, fen=grade, paid=year != unpaid_year)
        _annual(tx, c, InsuranceKind.RESIDENT_MEDICAL, year, fen=RESIDENT_MEDICAL_FEN, paid=True)
