"""The ledgers' tables carry a schema version in the outbox database and migrate forward."""

from pathlib import Path

import pytest

from kiosk.ledgers import issuance, payments
from kiosk.ledgers.schema import LedgerSchemaTooNew, migrate
from offline_queue.store import Limits, Outbox


@pytest.fixture
def outbox(tmp_path: Path) -> Outbox:
    box = Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key", Limits(min_free_bytes=0))
    yield box
    box.close()


def versions(outbox: Outbox) -> dict[str, int]:
    with outbox.transaction() as tx:
        return dict(tx.connection.execute("SELECT ledger, version FROM ledger_schema").fetchall())


def test_a_new_outbox_gets_every_ledger_at_its_newest_version(outbox: Outbox) -> None:
    migrate(outbox, payments.LEDGER, payments.MIGRATIONS)
    migrate(outbox, issuance.LEDGER, issuance.MIGRATIONS)
    assert versions(outbox) == {
        payments.LEDGER: len(payments.MIGRATIONS),
        issuance.LEDGER: len(issuance.MIGRATIONS),
    }
    with outbox.transaction() as tx:
        tables = {r[0] for r in tx.connection.execute("SELECT name FROM sqlite_master")}
    assert {"payment_intents", "card_issuances"} <= tables


def test_only_the_missing_steps_run_and_a_second_start_changes_nothing(outbox: Outbox) -> None:
    steps = [("CREATE TABLE t (a INTEGER)",), ("ALTER TABLE t ADD COLUMN b TEXT",)]
    assert migrate(outbox, "test", steps[:1]) == 1
    with outbox.transaction() as tx:
        tx.connection.execute("INSERT INTO t (a) VALUES (7)")
    assert migrate(outbox, "test", steps) == 2  # the second step alone; the row stays
    assert migrate(outbox, "test", steps) == 2
    with outbox.transaction() as tx:
        assert tx.connection.execute("SELECT a, b FROM t").fetchall() == [(7, None)]


def test_a_ledger_from_a_newer_release_is_refused(outbox: Outbox) -> None:
    migrate(outbox, "test", [("CREATE TABLE t (a INTEGER)",), ("CREATE TABLE u (a INTEGER)",)])
    with pytest.raises(LedgerSchemaTooNew, match="version 2; this release knows 1"):
        migrate(outbox, "test", [("CREATE TABLE t (a INTEGER)",)])


def test_a_database_from_before_versioning_is_adopted(outbox: Outbox) -> None:
    """Outboxes made before the ledgers had versions hold the tables already (IF NOT EXISTS)."""
    for statement in payments.MIGRATIONS[0]:
        outbox.execute_script(statement)
    assert migrate(outbox, payments.LEDGER, payments.MIGRATIONS) == 1
