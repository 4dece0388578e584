"""Versioned tables of the ledgers, inside the outbox database.

Each ledger declares its migrations: a list whose n-th item brings its tables from version n to
n + 1. The version reached is kept per ledger in `ledger_schema`, and a start applies what is
missing in one transaction. A database written by a newer release (a version this code does not
know) is refused rather than guessed at."""

from __future__ import annotations

from collections.abc import Sequence

from offline_queue.errors import OutboxUnavailable
from offline_queue.store import Outbox

Migration = Sequence[str]
"""The statements of one step, one SQL statement each."""

META = (
    "CREATE TABLE IF NOT EXISTS ledger_schema (ledger TEXT PRIMARY KEY, version INTEGER NOT NULL)"
)


class LedgerSchemaTooNew(OutboxUnavailable):
    """The outbox database holds a ledger written by a newer release of the terminal: the queue
    stays closed (services say so) until a technician installs that release again."""

    code = "queue.schema_too_new"


def migrate(outbox: Outbox, ledger: str, migrations: Sequence[Migration]) -> int:
    """Brings the ledger's tables to the newest version; returns it."""
    newest = len(migrations)
    outbox.execute_script(META)
    with outbox.transaction() as tx:
        conn = tx.connection
        row = conn.execute(
            "SELECT version FROM ledger_schema WHERE ledger = ?", (ledger,)
        ).fetchone()
        version = int(row[0]) if row else 0
        if version > newest:
            raise LedgerSchemaTooNew(
                f"{ledger} is at version {version}; this release knows {newest}"
            )
        for step in migrations[version:]:
            for statement in step:
                conn.execute(statement)
        if version < newest:
            conn.execute(
                "INSERT INTO ledger_schema (ledger, version) VALUES (?, ?)"
                " ON CONFLICT (ledger) DO UPDATE SET version = excluded.version",
                (ledger, newest),
            )
    return newest
