"""The staff's day report: the receipts' states from the outbox, totals, pages, and a terminal
signature that any edit breaks."""

from __future__ import annotations

import base64
import json
import re
import subprocess
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from kiosk.codes import ServiceId
from kiosk.documents.day_report import (
    DayReport,
    Language,
    ReceiptState,
    ReportVerdict,
    ServiceTotal,
    build_day_report,
    canonical_content,
    fingerprint_of,
    outcome_words,
    render_pdf,
    report_from_content,
    sign_content,
    verify_report,
)
from kiosk.ledgers.visits import Visit, VisitJournal
from offline_queue.store import Limits, Outbox

KEY = bytes.fromhex("5e" * 32)
DAY = date(2026, 12, 7)
MORNING = datetime(2026, 12, 7, 9, 0).astimezone()
GENERATED = datetime(2026, 12, 7, 18, 5).astimezone()


@pytest.fixture
def outbox(tmp_path: Path) -> Iterator[Outbox]:
    box = Outbox(tmp_path / "outbox.sqlite3", tmp_path / "outbox.key", Limits(min_free_bytes=0))
    yield box
    box.close()


def enqueue(outbox: Outbox) -> str:
    with outbox.transaction() as tx:
        return tx.enqueue("eligibility_authentication", b"{}").receipt


def settle(outbox: Outbox, receipt: str, refused_for: str | None = None) -> None:
    entry = outbox.claim(60)
    assert entry is not None and entry.receipt == receipt
    if refused_for:
        outbox.bury(entry, refused_for)
    else:
        outbox.complete(entry, b"{}")


def visit(
    minutes: int,
    service: ServiceId,
    outcome: str,
    receipts: tuple[str, ...] = (),
    identity: str = "card_pin",
    citizen: str = "张*华 510***********1234",
) -> Visit:
    return Visit(
        uuid.uuid4(),
        MORNING + timedelta(minutes=minutes),
        "S0101",
        service,
        citizen,
        identity,
        outcome,
        receipts,
    )


@pytest.fixture
def report(outbox: Outbox) -> DayReport:
    """Four visits: delivered, refused, waiting twice, and one that queued nothing."""
    delivered, refused = enqueue(outbox), enqueue(outbox)
    settle(outbox, delivered)
    settle(outbox, refused, refused_for="enrollment.already_enrolled")
    waiting_a, waiting_b = enqueue(outbox), enqueue(outbox)
    enqueue(outbox)  # from another day: waiting, but none of these visits'
    journal = VisitJournal(outbox)
    for one in (
        visit(0, ServiceId.ELIGIBILITY, "completed", (delivered,)),
        visit(30, ServiceId.ENROLLMENT, "enrollment.already_enrolled", (refused,)),
        visit(60, ServiceId.ELIGIBILITY, "completed", (waiting_a, waiting_b), "id_card_face"),
        visit(90, ServiceId.QUERY, "cancelled", identity="", citizen=""),
    ):
        journal.record(one)
    return build_day_report(
        journal.visits(DAY), outbox, terminal_id="T0001", day=DAY, generated_at=GENERATED
    )


def test_each_receipt_has_its_state_now_and_the_totals_add_up(report: DayReport) -> None:
    states = [[(line.state, line.reason) for line in row.receipts] for row in report.rows]
    assert states == [
        [(ReceiptState.DELIVERED, None)],
        [(ReceiptState.REFUSED, "enrollment.already_enrolled")],
        [(ReceiptState.WAITING, None), (ReceiptState.WAITING, None)],
        [],
    ]
    assert report.totals == (
        ServiceTotal(ServiceId.ELIGIBILITY, visits=2, completed=2, cancelled=0, failed=0,
                     receipts=3, waiting=2),
        ServiceTotal(ServiceId.ENROLLMENT, visits=1, completed=0, cancelled=0, failed=1,
                     receipts=1, waiting=0),
        ServiceTotal(ServiceId.QUERY, visits=1, completed=0, cancelled=1, failed=0,
                     receipts=0, waiting=0),
    )  # fmt: skip
    assert [w.receipt for w in report.waiting] == [line.receipt for line in report.rows[2].receipts]
    assert {w.service for w in report.waiting} == {ServiceId.ELIGIBILITY}
    assert report.other_waiting == 1


def test_a_receipt_the_outbox_does_not_know_is_said_so(outbox: Outbox) -> None:
    lost = visit(0, ServiceId.ENROLLMENT, "completed", ("4000000000000002",))
    made = build_day_report([lost], outbox, terminal_id="T0001", day=DAY)
    assert made.rows[0].receipts[0].state is ReceiptState.UNKNOWN
    assert made.waiting == ()


def test_outcome_codes_read_as_words(report: DayReport) -> None:
    assert outcome_words("completed", "zh_CN") == "办结"
    assert outcome_words("card.expired", "en") == "card expired"
    assert outcome_words("issuer.jammed", "zh_CN") == "未办结（issuer.jammed）"
    assert outcome_words("issuer.jammed", "en") == "failed (issuer.jammed)"


def pdf_text(pdf: bytes, tmp_path: Path, page: int | None = None) -> str:
    """The text in drawing order without any white space: a cell's wrapped lines join up."""
    path = tmp_path / "report.pdf"
    path.write_bytes(pdf)
    pages = ["-f", str(page), "-l", str(page)] if page else []
    text = subprocess.run(
        ["pdftotext", "-raw", *pages, str(path), "-"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    return "".join(text.split())


def squeezed(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("zh_CN", ["上门服务工作日报", "已送达", "被退回（enrollment.already_enrolled）",
                   "身份证 + 人脸", "按业务合计", "签名指纹", "sheyin staff verify-report"]),
        ("en", ["Home-visit day report", "delivered", "refused (enrollment.already_enrolled)",
                "ID card and face", "Totals per service", "Fingerprint", "not identified"]),
    ],
)  # fmt: skip
def test_the_pdf_says_it_in_the_chosen_language(
    report: DayReport, language: Language, words: list[str], tmp_path: Path
) -> None:
    pdf = render_pdf(report, language, KEY)
    text = pdf_text(pdf, tmp_path)
    for expected in [*words, "T0001", "2026-12-07", "张*华 510***********1234", "09:30"]:
        assert squeezed(expected) in text, expected
    for waiting in report.waiting:
        assert waiting.receipt in text
    assert squeezed(fingerprint_of(pdf) or "-") in text


def test_a_long_day_flows_onto_further_pages(outbox: Outbox, tmp_path: Path) -> None:
    visits = [
        visit(n * 4, list(ServiceId)[n % 6], "completed", (f"{4000000000000000 + n:016d}",))
        for n in range(130)
    ]
    made = build_day_report(visits, outbox, terminal_id="T0001", day=DAY, staff_id="S0101")
    pdf = render_pdf(made, "zh_CN", KEY)
    pages = len(PdfReader(pdf_file(pdf, tmp_path)).pages)
    assert pages >= 4
    last = pdf_text(pdf, tmp_path, page=pages)
    assert "签名指纹" in last and f"第{pages}页/共{pages}页" in last
    second = pdf_text(pdf, tmp_path, page=2)
    assert "回执号及状态" in second  # the header row repeats
    everything = pdf_text(pdf, tmp_path)
    assert all(f"{4000000000000000 + n:016d}" in everything for n in range(130))
    assert "签名指纹" not in pdf_text(pdf, tmp_path, page=1)
    assert sum(t.visits for t in made.totals) == 130
    assert verify_report(pdf, KEY).valid


def pdf_file(pdf: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "pages.pdf"
    path.write_bytes(pdf)
    return path


def test_a_signed_report_verifies_and_names_what_it_covers(report: DayReport) -> None:
    pdf = render_pdf(report, "zh_CN", KEY)
    check = verify_report(pdf, KEY)
    assert check.verdict is ReportVerdict.VALID and check.reason == "ok"
    assert (check.terminal_id, check.day, check.staff_id) == ("T0001", DAY, None)
    assert check.fingerprint == fingerprint_of(pdf)
    assert render_pdf(report, "zh_CN", KEY) == pdf  # deterministic: what verifying relies on


def test_the_canonical_content_reads_back_to_the_same_report(report: DayReport) -> None:
    content = canonical_content(report, "en")
    again, language = report_from_content(content)
    assert (again, language) == (report, "en")
    assert canonical_content(again, language) == content


def test_another_terminals_key_does_not_verify(report: DayReport) -> None:
    check = verify_report(render_pdf(report, "en", KEY), bytes.fromhex("a1" * 32))
    assert (check.verdict, check.reason) == (ReportVerdict.EDITED, "report.signature")


def envelope(pdf: bytes) -> tuple[str, str]:
    found = re.search(rb"sheyin-day-report-v1:([A-Za-z0-9+/=]+)", pdf)
    assert found is not None
    payload = json.loads(base64.b64decode(found.group(1)))
    return payload["content"], payload["signature"]


def with_envelope(pdf: bytes, content: str, signature: str) -> bytes:
    blob = json.dumps({"content": content, "signature": signature}, ensure_ascii=True)
    encoded = base64.b64encode(blob.encode("ascii"))
    return re.sub(rb"(sheyin-day-report-v1:)[A-Za-z0-9+/=]+", lambda m: m.group(1) + encoded, pdf)


EDITS: dict[str, Callable[[dict[str, object]], None]] = {
    "outcome": lambda row: row.update(outcome="completed"),
    "citizen": lambda row: row.update(citizen="李*明 110***********0012"),
    "time": lambda row: row.update(at="2026-12-07T08:00:00+00:00"),
    "receipt state": lambda row: row["receipts"][0].update(state="delivered"),  # type: ignore[index]
    "service": lambda row: row.update(service="payment"),
}


@pytest.mark.parametrize("edit", sorted(EDITS))
def test_any_change_to_a_visit_in_the_embedded_content_is_an_edit(
    report: DayReport, edit: str
) -> None:
    pdf = render_pdf(report, "zh_CN", KEY)
    content, signature = envelope(pdf)
    body = json.loads(content)
    EDITS[edit](body["report"]["rows"][1])
    changed = json.dumps(body, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    assert changed != content
    check = verify_report(with_envelope(pdf, changed, signature), KEY)
    assert (check.verdict, check.reason) == (ReportVerdict.EDITED, "report.signature")


def test_a_page_that_does_not_show_the_signed_content_is_an_edit(
    report: DayReport, outbox: Outbox
) -> None:
    """A genuine envelope of another report pasted into this one: the signature holds, the
    pages do not show what it signs."""
    pdf = render_pdf(report, "zh_CN", KEY)
    other = replace(report, rows=report.rows[:1])
    content = canonical_content(other, "zh_CN")
    pasted = with_envelope(pdf, content, sign_content(content, KEY))
    check = verify_report(pasted, KEY)
    assert (check.verdict, check.reason) == (ReportVerdict.EDITED, "report.altered")


def test_a_change_anywhere_in_the_file_is_an_edit(report: DayReport) -> None:
    pdf = render_pdf(report, "en", KEY)
    retitled = pdf.replace(b"/Author (T0001)", b"/Author (T0002)")
    assert retitled != pdf
    assert verify_report(retitled, KEY).reason == "report.altered"
    appended = pdf + b"% a comment\n"
    assert verify_report(appended, KEY).reason == "report.altered"


def test_damaged_embedded_content_is_an_edit(report: DayReport) -> None:
    pdf = render_pdf(report, "en", KEY)
    damaged = re.sub(rb"(sheyin-day-report-v1:)[A-Za-z0-9+/=]{8}", rb"\1AAAAAAAA", pdf)
    check = verify_report(damaged, KEY)
    assert (check.verdict, check.reason) == (ReportVerdict.EDITED, "report.garbled")


@pytest.mark.parametrize(
    "content_edit",
    [
        lambda content: "not json",
        lambda content: content.replace('"format":1', '"format":2'),
        lambda content: re.sub(r'"visit_id":"[^"]+"', '"visit_id":7', content, count=1),
        lambda content: content.replace('"receipts":[', '"receipts":["x",', 1),
    ],
)
def test_embedded_content_that_is_no_report_is_an_edit(
    report: DayReport, content_edit: Callable[[str], str]
) -> None:
    pdf = render_pdf(report, "en", KEY)
    content, signature = envelope(pdf)
    changed = content_edit(content)
    assert changed != content
    check = verify_report(with_envelope(pdf, changed, signature), KEY)
    assert (check.verdict, check.reason) == (ReportVerdict.EDITED, "report.garbled")
    odd_signature = verify_report(with_envelope(pdf, content, "签名" * 32), KEY)
    assert odd_signature.reason == "report.garbled"


def test_a_report_without_a_signature_is_unsigned(report: DayReport, tmp_path: Path) -> None:
    draft = render_pdf(report, "zh_CN", None)
    assert verify_report(draft, KEY).verdict is ReportVerdict.UNSIGNED
    assert "未签名" in pdf_text(draft, tmp_path)
    assert verify_report(b"not a pdf at all", KEY).verdict is ReportVerdict.UNSIGNED
    stripped = re.sub(rb"sheyin-day-report-v1:[A-Za-z0-9+/=]+", b"", render_pdf(report, "en", KEY))
    assert verify_report(stripped, KEY).verdict is ReportVerdict.UNSIGNED


def test_the_report_key_is_not_the_terminal_key(report: DayReport) -> None:
    """A day report signature is no request signature: the key is derived for reports alone."""
    import hashlib
    import hmac

    content = canonical_content(report, "en")
    plain = hmac.new(KEY, content.encode("utf-8"), hashlib.sha256).hexdigest()
    assert sign_content(content, KEY) != plain


def test_a_day_without_visits_still_makes_a_signed_report(outbox: Outbox, tmp_path: Path) -> None:
    empty = build_day_report(
        [], outbox, terminal_id="T0001", day=DAY, staff_id="S0102", generated_at=GENERATED
    )
    pdf = render_pdf(empty, "en", KEY)
    assert squeezed("No visits on this day.") in pdf_text(pdf, tmp_path)
    assert verify_report(pdf, KEY).valid
    assert (empty.rows, empty.totals, empty.waiting) == ((), (), ())
