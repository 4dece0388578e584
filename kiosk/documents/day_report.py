"""The staff's end-of-day report: every visit of the day, what each queued and where it stands
now, totals per service, what still waits, signed by the terminal.

`build_day_report` gives the report as plain data (the staff's screen shows it as a table);
`render_pdf` makes the A4 PDF. The signature is HMAC-SHA256 over the report's canonical content
(compact JSON, keys sorted) under a key derived from the terminal's key with HKDF-SHA256, info
"sheyin day report v1": the central system, which holds every terminal's key, can check it, and
nobody without that key can make one. The PDF carries the content and the signature, Base64, in
its Keywords metadata (uncompressed: found in the raw bytes, no PDF library needed), and is
rendered deterministically (reportlab's invariant mode): `verify_report` checks the signature,
then renders the content again and compares every byte, so an edit anywhere in the file fails,
as for certificates (kiosk.documents.certificate)."""

from __future__ import annotations

import base64
import binascii
import enum
import hashlib
import hmac
import io
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal, cast, get_args
from xml.sax.saxutils import escape

from kiosk.codes import ServiceId
from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.words import (
    CONFIRMATION_REASON,
    DAY_REPORT,
    IDENTITY_METHOD,
    RECEIPT_STATE,
    SERVICE_NAME,
    VISIT_OUTCOME,
)
from kiosk.services.errors import EndReason

if TYPE_CHECKING:
    from kiosk.ledgers.visits import Visit
    from offline_queue.store import Outbox

Language = Literal["zh_CN", "en"]
FORMAT = 1
"""The version of the canonical content; a verifier refuses one it does not know."""
KEY_LABEL = b"sheyin day report v1"
METADATA_PREFIX = "sheyin-day-report-v1:"
_ENVELOPE = re.compile(rb"sheyin-day-report-v1:([A-Za-z0-9+/=]+)")
_SIGNATURE = re.compile(r"[0-9a-f]{64}")
COMPLETED = "completed"
ENDED_WITHOUT_ERROR = frozenset(reason.value for reason in EndReason)
"""Outcomes that are a visit left, not a failure: cancelled, idle, card removed, …"""
STAFF_CONFIRMED = "staff_confirmed"


class ReceiptState(enum.StrEnum):
    WAITING = "waiting"
    """In the outbox, not yet accepted by the central system."""
    DELIVERED = "delivered"
    REFUSED = "refused"
    """Refused for good by the central system (a dead letter), with its reason code."""
    UNKNOWN = "unknown"
    """Not in this terminal's outbox (a database moved aside since)."""


@dataclass(frozen=True)
class ReceiptLine:
    receipt: str
    state: ReceiptState
    reason: str | None = None
    """The central system's code when refused."""


@dataclass(frozen=True)
class VisitRow:
    visit_id: uuid.UUID
    at: datetime
    """Local time of the terminal that made the report."""
    staff_id: str
    service: ServiceId
    citizen: str
    """Masked; "" if never identified or erased."""
    identity: str
    outcome: str
    receipts: tuple[ReceiptLine, ...]


@dataclass(frozen=True)
class ServiceTotal:
    service: ServiceId
    visits: int
    completed: int
    cancelled: int
    failed: int
    receipts: int
    waiting: int


@dataclass(frozen=True)
class WaitingEntry:
    receipt: str
    service: ServiceId
    citizen: str
    queued_at: datetime
    attempts: int
    last_error: str | None


@dataclass(frozen=True)
class DayReport:
    terminal_id: str
    staff_id: str | None
    """One member of staff's day, or None for everyone's."""
    day: date
    generated_at: datetime
    rows: tuple[VisitRow, ...]
    totals: tuple[ServiceTotal, ...]
    """Per service that had a visit, in the catalogue's order."""
    waiting: tuple[WaitingEntry, ...]
    """What these visits queued that the central system has not accepted yet."""
    other_waiting: int
    """Entries waiting in the outbox that none of these visits queued (earlier days, others)."""


class ReportVerdict(enum.StrEnum):
    VALID = "valid"
    EDITED = "edited"
    """The signature or the file does not match: changed after signing (or another key)."""
    UNSIGNED = "unsigned"


@dataclass(frozen=True)
class ReportCheck:
    verdict: ReportVerdict
    reason: str
    """ok, report.unsigned, report.garbled, report.signature or report.altered."""
    terminal_id: str | None = None
    """As the file names it (trusted only when valid)."""
    day: date | None = None
    staff_id: str | None = None
    fingerprint: str | None = None

    @property
    def valid(self) -> bool:
        return self.verdict is ReportVerdict.VALID


# --- the report as data ---


def build_day_report(
    visits: Sequence[Visit],
    outbox: Outbox,
    *,
    terminal_id: str,
    day: date,
    staff_id: str | None = None,
    generated_at: datetime | None = None,
) -> DayReport:
    """The report of `visits` (VisitJournal.visits of the day), with each receipt's state as
    the outbox knows it now."""
    from offline_queue.store import EntryState

    made = (generated_at or datetime.now()).astimezone().replace(microsecond=0)
    rows: list[VisitRow] = []
    waiting: list[WaitingEntry] = []
    for visit in visits:
        lines = []
        for receipt in visit.receipts:
            entry = outbox.by_receipt(receipt)
            if entry is None:
                lines.append(ReceiptLine(receipt, ReceiptState.UNKNOWN))
            elif entry.state is EntryState.DELIVERED:
                lines.append(ReceiptLine(receipt, ReceiptState.DELIVERED))
            elif entry.state is EntryState.DEAD:
                lines.append(ReceiptLine(receipt, ReceiptState.REFUSED, entry.last_error))
            else:
                lines.append(ReceiptLine(receipt, ReceiptState.WAITING))
                waiting.append(
                    WaitingEntry(
                        receipt=receipt,
                        service=visit.service,
                        citizen=visit.citizen,
                        queued_at=entry.created_at.astimezone().replace(microsecond=0),
                        attempts=entry.attempts,
                        last_error=entry.last_error,
                    )
                )
        rows.append(
            VisitRow(
                visit_id=visit.visit_id,
                at=visit.at.astimezone().replace(microsecond=0),
                staff_id=visit.staff_id,
                service=visit.service,
                citizen=visit.citizen,
                identity=visit.identity,
                outcome=visit.outcome,
                receipts=tuple(lines),
            )
        )
    return DayReport(
        terminal_id=terminal_id,
        staff_id=staff_id,
        day=day,
        generated_at=made,
        rows=tuple(rows),
        totals=service_totals(rows),
        waiting=tuple(waiting),
        other_waiting=max(0, outbox.open_count() - len(waiting)),
    )


def service_totals(rows: Sequence[VisitRow]) -> tuple[ServiceTotal, ...]:
    totals = []
    for service in ServiceId:
        mine = [row for row in rows if row.service is service]
        if not mine:
            continue
        completed = sum(row.outcome == COMPLETED for row in mine)
        cancelled = sum(row.outcome in ENDED_WITHOUT_ERROR for row in mine)
        lines = [line for row in mine for line in row.receipts]
        totals.append(
            ServiceTotal(
                service=service,
                visits=len(mine),
                completed=completed,
                cancelled=cancelled,
                failed=len(mine) - completed - cancelled,
                receipts=len(lines),
                waiting=sum(line.state is ReceiptState.WAITING for line in lines),
            )
        )
    return tuple(totals)


# --- words ---


def outcome_words(outcome: str, language: Language) -> str:
    known = VISIT_OUTCOME[language].get(outcome)
    return known if known is not None else DAY_REPORT[language]["failed_code"].format(code=outcome)


def identity_words(identity: str, language: Language) -> str:
    method, _, reason = identity.partition(":")
    if method == STAFF_CONFIRMED:
        why = CONFIRMATION_REASON[language].get(reason, reason or "-")
        return IDENTITY_METHOD[language][STAFF_CONFIRMED].format(reason=why)
    return IDENTITY_METHOD[language].get(identity, identity)


def receipt_words(line: ReceiptLine, language: Language) -> str:
    return RECEIPT_STATE[language][line.state].format(reason=line.reason or "-")


def service_words(service: ServiceId, language: Language) -> str:
    return SERVICE_NAME[language][service.value]


# --- signature ---


def canonical_content(report: DayReport, language: Language) -> str:
    """What the signature covers: the whole report and the language it is printed in."""
    body = {"format": FORMAT, "language": language, "report": asdict(report)}
    return json.dumps(
        body, default=_json_value, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    )


def report_key(terminal_key: bytes) -> bytes:
    """The day reports' own key: a signature made with it is no request signature."""
    from cryptography.hazmat.primitives import hashes
    from cryptography.hazmat.primitives.kdf.hkdf import HKDF

    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=KEY_LABEL).derive(
        terminal_key
    )


def sign_content(content: str, terminal_key: bytes) -> str:
    return hmac.new(report_key(terminal_key), content.encode("utf-8"), hashlib.sha256).hexdigest()


def fingerprint(signature: str) -> str:
    """The first 64 bits of the signature in groups of four, to read out on the phone."""
    head = signature[:16].upper()
    return " ".join(head[i : i + 4] for i in range(0, len(head), 4))


# --- the PDF ---


def render_pdf(report: DayReport, language: Language, terminal_key: bytes | None) -> bytes:
    """The report on A4, signed with the terminal's key (central.terminal_key). Without a key
    it is a draft that says it is unsigned and that `verify_report` calls unsigned."""
    content = canonical_content(report, language)
    signature = sign_content(content, terminal_key) if terminal_key is not None else None
    return _render(report, language, content, signature)


def verify_report(pdf: bytes, terminal_key: bytes) -> ReportCheck:
    """Valid when the content the PDF carries is signed under this terminal key and renders to
    exactly this file; edited when either fails; unsigned when it carries no signature."""
    envelope = _read_envelope(pdf)
    if envelope is None:
        return ReportCheck(ReportVerdict.UNSIGNED, "report.unsigned")
    try:
        payload = json.loads(base64.b64decode(envelope, validate=True))
        content, signature = str(payload["content"]), str(payload["signature"])
        if not _SIGNATURE.fullmatch(signature):
            raise ValueError("not a signature")
        report, language = report_from_content(content)
    except (ValueError, KeyError, TypeError, AttributeError, binascii.Error):
        return ReportCheck(ReportVerdict.EDITED, "report.garbled")

    def check(verdict: ReportVerdict, reason: str) -> ReportCheck:
        return ReportCheck(
            verdict, reason, report.terminal_id, report.day, report.staff_id, fingerprint(signature)
        )

    if not hmac.compare_digest(sign_content(content, terminal_key), signature):
        return check(ReportVerdict.EDITED, "report.signature")
    if _render(report, language, content, signature) != pdf:
        return check(ReportVerdict.EDITED, "report.altered")
    return check(ReportVerdict.VALID, "ok")


def fingerprint_of(pdf: bytes) -> str | None:
    """The fingerprint of the signature a report PDF carries (not checked: verify_report)."""
    envelope = _read_envelope(pdf)
    try:
        return fingerprint(str(json.loads(base64.b64decode(envelope or b""))["signature"]))
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None


def _read_envelope(pdf: bytes) -> bytes | None:
    """The Base64 envelope as the file carries it. A program that saves the PDF again may
    compress its metadata: that file is no longer the signed one, and reads as unsigned."""
    found = _ENVELOPE.search(pdf)
    return found.group(1) if found is not None else None


def _render(report: DayReport, language: Language, content: str, signature: str | None) -> bytes:
    pdf, pages = _build(report, language, content, signature, pages=None)
    # The second pass knows how many pages there are ("page 2 of 5").
    pdf, _ = _build(report, language, content, signature, pages=pages)
    return pdf


class _Page:
    """The fonts, styles and table look of one rendering (reportlab is loaded here, lazily)."""

    def __init__(self, language: Language) -> None:
        from reportlab.lib import colors
        from reportlab.lib.styles import ParagraphStyle

        self.language = language
        self.words = DAY_REPORT[language]
        self.font = register_cjk_font()
        self.body = ParagraphStyle("body", fontName=self.font, fontSize=9, leading=12)
        self.body.wordWrap = "CJK"
        self.cell = ParagraphStyle("cell", parent=self.body, fontSize=8, leading=10)
        self.heading = ParagraphStyle(
            "heading", parent=self.body, fontSize=12, leading=16, spaceBefore=8, spaceAfter=2
        )
        self.title = ParagraphStyle("title", parent=self.body, fontSize=16, leading=22)
        self.title.alignment = 1  # centred
        self.large = ParagraphStyle("large", parent=self.body, fontSize=12, leading=16)
        self.grid = [
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 3),
            ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#E8E8E8")),
        ]

    def text(self, text: str, style: Any = None) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph(escape(text), style or self.cell)

    def lines(self, lines: Sequence[str]) -> Any:
        from reportlab.platypus import Paragraph

        return Paragraph("<br/>".join(escape(line) for line in lines) or "—", self.cell)

    def table(self, columns: Sequence[str], rows: list[list[Any]], widths_mm: Sequence[int]) -> Any:
        """A table whose header row repeats on every page it flows onto."""
        from reportlab.lib.units import mm
        from reportlab.platypus import Table

        header = [self.text(self.words[column]) for column in columns]
        made = Table([header, *rows], colWidths=[w * mm for w in widths_mm], repeatRows=1)
        made.setStyle(self.grid)
        return made


def _build(
    report: DayReport,
    language: Language,
    content: str,
    signature: str | None,
    pages: int | None,
) -> tuple[bytes, int]:
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.platypus import SimpleDocTemplate, Spacer

    page = _Page(language)
    words = page.words
    staff = report.staff_id or words["all_staff"]
    sep = words["sep"]
    made = f"{words['generated_at']}{sep}{report.generated_at:%Y-%m-%d %H:%M:%S %z}"
    story: list[Any] = [
        page.text(words["title"], page.title),
        Spacer(1, 4 * mm),
        page.text(
            f"{words['terminal']}{sep}{report.terminal_id}    {words['staff']}{sep}{staff}",
            page.body,
        ),
        page.text(f"{words['day']}{sep}{report.day.isoformat()}    {made}", page.body),
        page.text(words["visits"], page.heading),
        _visits_table(report, page),
        page.text(words["totals"], page.heading),
        _totals_table(report, page),
        page.text(words["waiting"], page.heading),
        _waiting_table(report, page),
    ]
    if report.other_waiting:
        story.append(
            page.text(words["other_waiting"].format(count=report.other_waiting), page.body)
        )
    story.append(_signature_block(page, signature))
    stamp = fingerprint(signature) if signature else words["unsigned"]

    def decorate(canvas: Any, doc: Any) -> None:
        canvas.saveState()
        canvas.setFont(page.font, 8)
        width, _ = A4
        line = f"{report.terminal_id} · {staff} · {report.day.isoformat()} · {stamp}"
        canvas.drawString(15 * mm, 10 * mm, line)
        number = words["page"].format(page=doc.page, pages=pages if pages is not None else "-")
        canvas.drawRightString(width - 15 * mm, 10 * mm, number)
        canvas.restoreState()

    keywords = ""
    if signature is not None:
        envelope = json.dumps({"content": content, "signature": signature}, ensure_ascii=True)
        keywords = METADATA_PREFIX + base64.b64encode(envelope.encode("ascii")).decode("ascii")
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=18 * mm,
        invariant=1,
        pageCompression=1,
        title=words["title"],
        author=report.terminal_id,
        subject=f"{report.terminal_id} {report.day.isoformat()} {staff}",
        keywords=keywords,
    )
    doc.build(story, onFirstPage=decorate, onLaterPages=decorate)
    return buffer.getvalue(), int(doc.page)


def _visits_table(report: DayReport, page: _Page) -> Any:
    if not report.rows:
        return page.text(page.words["no_visits"], page.body)
    language = page.language
    rows = [
        [
            page.text(f"{row.at:%H:%M}"),
            page.text(row.staff_id),
            page.text(service_words(row.service, language)),
            page.text(row.citizen or ("—" if not row.identity else page.words["erased"])),
            page.text(identity_words(row.identity, language)),
            page.text(outcome_words(row.outcome, language)),
            page.lines(
                [f"{line.receipt} {receipt_words(line, language)}" for line in row.receipts]
            ),
        ]
        for row in report.rows
    ]
    columns = ("time", "staff_column", "service", "citizen", "identity", "outcome", "receipts")
    return page.table(columns, rows, (10, 12, 24, 41, 26, 27, 40))


def _totals_table(report: DayReport, page: _Page) -> Any:
    if not report.totals:
        return page.text(page.words["no_visits"], page.body)
    counts = [
        [t.visits, t.completed, t.cancelled, t.failed, t.receipts, t.waiting] for t in report.totals
    ]
    named = [
        (service_words(t.service, page.language), numbers)
        for t, numbers in zip(report.totals, counts, strict=True)
    ]
    named.append((page.words["total"], [sum(column) for column in zip(*counts, strict=True)]))
    rows = [[page.text(name), *(page.text(str(n)) for n in numbers)] for name, numbers in named]
    columns = (
        "service", "count", "completed", "cancelled", "failed", "receipt_count", "waiting_count",
    )  # fmt: skip
    return page.table(columns, rows, (48, 22, 22, 22, 22, 22, 22))


def _waiting_table(report: DayReport, page: _Page) -> Any:
    if not report.waiting:
        return page.text(page.words["nothing_waiting"], page.body)
    rows = [
        [
            page.text(entry.receipt),
            page.text(service_words(entry.service, page.language)),
            page.text(entry.citizen or "—"),
            page.text(f"{entry.queued_at:%m-%d %H:%M}"),
            page.text(str(entry.attempts)),
            page.text(entry.last_error or "—"),
        ]
        for entry in report.waiting
    ]
    columns = ("receipts", "service", "citizen", "queued_at", "attempts", "last_error")
    return page.table(columns, rows, (30, 30, 41, 22, 15, 42))


def _signature_block(page: _Page, signature: str | None) -> Any:
    """Kept on one page, the last."""
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Spacer

    words = page.words
    block: list[Any] = [page.text(words["signature"], page.heading)]
    if signature is None:
        block.append(page.text(words["unsigned"], page.large))
    else:
        block += [
            page.text(f"{words['fingerprint']}{words['sep']}{fingerprint(signature)}", page.large),
            page.text(words["scheme"], page.body),
            page.text(words["how_to_verify"], page.body),
        ]
    signatures = (
        f"{words['staff_signature']} ____________________      "
        f"{words['branch_check']} ____________________"
    )
    block += [Spacer(1, 8 * mm), page.text(signatures, page.body)]
    return KeepTogether(block)


# --- the canonical content, read back ---


def report_from_content(content: str) -> tuple[DayReport, Language]:
    """The report and language a signed content describes; ValueError (or KeyError,
    TypeError) when it is not one."""
    body = json.loads(content)
    if body["format"] != FORMAT:
        raise ValueError(f"day report format {body['format']} is not known here")
    language = body["language"]
    if language not in get_args(Language):
        raise ValueError("unknown language")
    r = body["report"]
    report = DayReport(
        terminal_id=str(r["terminal_id"]),
        staff_id=None if r["staff_id"] is None else str(r["staff_id"]),
        day=date.fromisoformat(r["day"]),
        generated_at=_aware(r["generated_at"]),
        rows=tuple(
            VisitRow(
                visit_id=uuid.UUID(row["visit_id"]),
                at=_aware(row["at"]),
                staff_id=str(row["staff_id"]),
                service=ServiceId(row["service"]),
                citizen=str(row["citizen"]),
                identity=str(row["identity"]),
                outcome=str(row["outcome"]),
                receipts=tuple(
                    ReceiptLine(
                        str(line["receipt"]),
                        ReceiptState(line["state"]),
                        None if line["reason"] is None else str(line["reason"]),
                    )
                    for line in row["receipts"]
                ),
            )
            for row in r["rows"]
        ),
        totals=tuple(
            ServiceTotal(
                service=ServiceId(t["service"]),
                visits=int(t["visits"]),
                completed=int(t["completed"]),
                cancelled=int(t["cancelled"]),
                failed=int(t["failed"]),
                receipts=int(t["receipts"]),
                waiting=int(t["waiting"]),
            )
            for t in r["totals"]
        ),
        waiting=tuple(
            WaitingEntry(
                receipt=str(w["receipt"]),
                service=ServiceId(w["service"]),
                citizen=str(w["citizen"]),
                queued_at=_aware(w["queued_at"]),
                attempts=int(w["attempts"]),
                last_error=None if w["last_error"] is None else str(w["last_error"]),
            )
            for w in r["waiting"]
        ),
        other_waiting=int(r["other_waiting"]),
    )
    return report, cast(Language, language)


def _aware(text: str) -> datetime:
    at = datetime.fromisoformat(text)
    if at.tzinfo is None:
        raise ValueError("a time without its offset")
    return at


def _json_value(value: object) -> str:
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, datetime | date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} has no canonical form")
