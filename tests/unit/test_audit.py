"""The audit log (kiosk/audit.py): a record changed, removed or put in another order is found,
and nothing but codes can be written into it."""

from __future__ import annotations

import itertools
import json
import threading
import uuid
from pathlib import Path

import pytest

from kiosk.audit import GENESIS, AuditError, AuditLog, read_records, verify


def written(path: Path, count: int = 4) -> AuditLog:
    log = AuditLog(path)
    for n in range(count):
        log.append("technician:T0007", f"device.test_{n}", "ok", f"device:printer{n}")
    return log


def lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def rewrite(path: Path, new_lines: list[str]) -> None:
    path.write_text("".join(line + "\n" for line in new_lines), encoding="utf-8")


def test_records_chain_from_the_first(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    written(path)
    records = list(read_records(path))
    assert [r.seq for r in records] == [1, 2, 3, 4]
    assert records[0].prev == GENESIS
    assert all(later.prev == earlier.hash for earlier, later in itertools.pairwise(records))
    result = verify(path)
    assert result.intact and result.records == 4


def test_a_log_opened_again_continues_the_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    last = written(path, 2).append("staff:S01", "staff.login")
    again = AuditLog(path).append("staff:S01", "staff.logout")
    assert (again.seq, again.prev) == (last.seq + 1, last.hash)
    assert verify(path).intact


def test_an_empty_or_missing_log_is_intact(tmp_path: Path) -> None:
    assert verify(tmp_path / "none.log").intact


def test_a_changed_record_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    written(path)
    text = lines(path)
    record = json.loads(text[2])
    record["outcome"] = "failed:device.offline"  # someone hides what happened
    text[2] = json.dumps(record, sort_keys=True, separators=(",", ":"))
    rewrite(path, text)
    result = verify(path)
    assert (result.broken_at, result.records) == (3, 2)
    assert "changed" in result.reason


def test_a_changed_record_with_its_hash_made_again_breaks_the_next(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "audit.log"
    written(path)
    text = lines(path)
    record = json.loads(text[1])
    record["actor"] = "technician:T0001"
    body = {k: v for k, v in record.items() if k != "hash"}
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"))
    record["hash"] = hashlib.sha256(canonical.encode()).hexdigest()
    text[1] = json.dumps(record, sort_keys=True, separators=(",", ":"))
    rewrite(path, text)
    assert verify(path).broken_at == 3


def test_a_removed_record_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    written(path)
    text = lines(path)
    rewrite(path, text[:1] + text[2:])
    result = verify(path)
    assert result.broken_at == 2 and "follows" in result.reason


def test_reordered_records_are_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    written(path)
    text = lines(path)
    text[1], text[2] = text[2], text[1]
    rewrite(path, text)
    assert verify(path).broken_at == 2


def test_a_line_that_is_not_a_record_is_found(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    written(path)
    with path.open("a", encoding="utf-8") as out:
        out.write("{half a record\n")
    result = verify(path)
    assert (result.broken_at, result.records) == (5, 4)


@pytest.mark.parametrize(
    "value",
    [
        "110105195203150011",  # an ID number
        "cli:13800138000",  # a mobile number
        "张三",
        "technician T0007",
        "",
        "x" * 81,
    ],
)
def test_nothing_but_codes_can_be_written(tmp_path: Path, value: str) -> None:
    log = AuditLog(tmp_path / "audit.log")
    with pytest.raises(AuditError) as refused:
        log.append("technician:T0007", "device.test", "ok", value)
    assert value not in str(refused.value) or not value
    assert not (tmp_path / "audit.log").exists()


def test_an_outbox_entry_id_is_a_code(tmp_path: Path) -> None:
    entry = uuid.UUID("12345678-1234-4234-8234-123456789012")  # its last group all digits
    AuditLog(tmp_path / "audit.log").append("cli:tech", "queue.retry", "ok", f"entry:{entry}")
    assert verify(tmp_path / "audit.log").intact


def test_appends_from_several_threads_keep_one_chain(tmp_path: Path) -> None:
    path = tmp_path / "audit.log"
    log = AuditLog(path)

    def append_many(worker: int) -> None:
        for n in range(50):
            log.append(f"staff:S0{worker}", "staff.action", f"ok:{n}")

    threads = [threading.Thread(target=append_many, args=(w,)) for w in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result = verify(path)
    assert result.intact and result.records == 200


def _append_from_another_process(path: str, worker: int) -> None:
    log = AuditLog(Path(path))
    for n in range(50):
        log.append(f"cli:tech{worker}", "queue.retry", f"ok:{n}", "queue")


def test_the_kiosk_and_a_technicians_command_append_to_one_chain(tmp_path: Path) -> None:
    """Found while building the anchor: two AuditLog objects (the kiosk's and the `sheyin`
    command's, in two processes) each kept the last hash they wrote and forked the chain."""
    import multiprocessing

    path = tmp_path / "audit.log"
    kiosk_side, command_side = AuditLog(path), AuditLog(path)
    kiosk_side.append("kiosk", "audit.anchor", "ok", "day:2026-12-07")
    command_side.append("cli:tech", "queue.retry_dead", "ok:0", "queue")
    kiosk_side.append("kiosk", "audit.anchor", "ok", "day:2026-12-08")
    context = multiprocessing.get_context("spawn")
    workers = [
        context.Process(target=_append_from_another_process, args=(str(path), w)) for w in range(3)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    result = verify(path)
    assert result.intact and result.records == 153
