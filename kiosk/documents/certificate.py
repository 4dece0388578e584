"""Certificates on A4: rendered from the central system's signed content, verifiable by anyone.

The PDF carries the signed content and the signature in its metadata. Rendering is
deterministic (reportlab's invariant mode): verifying a file means checking the signature
against the public key, then rendering the content again and comparing every byte, so a
change anywhere in the file fails."""

from __future__ import annotations

import base64
import io
import json
from dataclasses import dataclass
from typing import Any

from kiosk.central import models as m
from kiosk.central.certificates import digest, signature_valid
from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.words import COLUMNS, INSURANCE, INSURED_STATE, TITLES
from kiosk.domain.identity import mask_id_number, mask_name

METADATA_PREFIX = "sheyin-certificate:"


class CertificateUnreadable(Exception):
    code = "certificate.unreadable"


@dataclass(frozen=True)
class Verification:
    valid: bool
    reason: str
    """`ok`, or the code of what failed: certificate.unreadable, certificate.signature,
    certificate.altered."""
    verification_code: str | None = None
    kind: m.CertificateKind | None = None


def render_certificate(issued: m.IssuedCertificate, *, masked: bool = False) -> bytes:
    """The certificate as a PDF; the verification URL the content names goes into the QR
    code. `masked`: the holder's name and ID number as a bystander may read them, for the
    preview on the screen; the page that is printed is the citizen's and stays complete."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    content = m.CertificateContent.model_validate_json(issued.content_json)
    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    canvas.setTitle(TITLES[content.kind])
    canvas.setAuthor(content.issuer)
    payload = json.dumps(
        {"content": issued.content_json, "signature": issued.signature}, ensure_ascii=True
    )
    canvas.setKeywords(METADATA_PREFIX + base64.b64encode(payload.encode()).decode("ascii"))
    width, height = A4
    holder_id = content.holder_id_number
    y = height - 30 * mm
    canvas.setFont(font, 20)
    canvas.drawCentredString(width / 2, y, TITLES[content.kind])
    y -= 14 * mm
    canvas.setFont(font, 11)
    for line in (
        f"姓名：{mask_name(content.holder_name) if masked else content.holder_name}",
        f"公民身份号码：{mask_id_number(holder_id) if masked else holder_id}",
        f"出具机构：{content.issuer}",
        f"出具时间：{content.issued_at.astimezone():%Y年%m月%d日 %H:%M}",
    ):
        canvas.drawString(20 * mm, y, line)
        y -= 7 * mm
    for table in content.tables:
        y -= 4 * mm
        y = _table(canvas, font, table, x=20 * mm, y=y, width=width - 40 * mm)
    _footer(canvas, font, content, width)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _table(
    canvas: Any, font: str, table: m.CertificateTable, *, x: float, y: float, width: float
) -> float:
    from reportlab.lib import colors
    from reportlab.lib.units import mm

    # Each column as wide as its longest text needs (a CJK character counts twice).
    texts = [[COLUMNS.get(c, c) for c in table.columns]]
    texts += [[_cell(c, v) for c, v in zip(table.columns, row, strict=False)] for row in table.rows]
    needs = [
        max(sum(2 if ord(ch) > 0x2E7F else 1 for ch in line[i]) for line in texts if i < len(line))
        for i in range(len(table.columns))
    ]
    total = sum(needs) or 1
    lefts = [x + width * sum(needs[:i]) / total for i in range(len(needs))]
    canvas.setFont(font, 9)
    canvas.setStrokeColor(colors.grey)
    for index, column in enumerate(table.columns):
        canvas.drawString(lefts[index] + 1 * mm, y, COLUMNS.get(column, column))
    y -= 2 * mm
    canvas.line(x, y, x + width, y)
    y -= 5 * mm
    for row in table.rows:
        for index, (column, value) in enumerate(zip(table.columns, row, strict=False)):
            canvas.drawString(lefts[index] + 1 * mm, y, _cell(column, value))
        y -= 6 * mm
        if y < 60 * mm:
            canvas.drawString(x, y, "……（其余记录略）")
            y -= 6 * mm
            break
    return y


def _cell(column: str, value: str | int) -> str:
    if column.endswith("_fen") and isinstance(value, int):
        return f"{value // 100:,}.{value % 100:02d}"
    if column == "kind":
        return INSURANCE.get(str(value), str(value))
    if column == "state":
        return INSURED_STATE.get(str(value), str(value))
    return str(value)


def _footer(canvas: Any, font: str, content: m.CertificateContent, width: float) -> None:
    import qrcode
    from reportlab.lib.units import mm

    code = qrcode.QRCode(border=4, error_correction=qrcode.ERROR_CORRECT_M)
    code.add_data(content.verify_url)
    code.make(fit=True)
    matrix = code.get_matrix()
    side = 32 * mm
    module = side / len(matrix)
    x0, y0 = width - 20 * mm - side, 18 * mm
    canvas.setFillColorRGB(0, 0, 0)
    for row, cells in enumerate(matrix):
        for column, dark in enumerate(cells):
            if dark:
                canvas.rect(
                    x0 + column * module, y0 + side - (row + 1) * module, module, module,
                    stroke=0, fill=1,
                )  # fmt: skip
    canvas.setFont(font, 10)
    canvas.drawString(20 * mm, 40 * mm, f"验证码：{content.verification_code}")
    canvas.setFont(font, 8)
    canvas.drawString(
        20 * mm, 34 * mm, "扫描右侧二维码或在社保系统输入验证码，可核验本证明的真实性。"
    )
    canvas.drawString(
        20 * mm, 29 * mm, "本证明由社会保险经办机构电子签名，打印件与电子件具有同等效力。"
    )


def read_signed_content(pdf: bytes) -> tuple[str, str]:
    """(content JSON, signature) from a certificate PDF; CertificateUnreadable otherwise."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        metadata = PdfReader(io.BytesIO(pdf)).metadata
        raw = str(metadata.get("/Keywords", "")) if metadata is not None else ""
    except (PyPdfError, ValueError, OSError) as exc:
        raise CertificateUnreadable(type(exc).__name__) from None
    if not raw.startswith(METADATA_PREFIX):
        raise CertificateUnreadable("no signed content")
    try:
        payload = json.loads(base64.b64decode(raw[len(METADATA_PREFIX) :], validate=True))
        return str(payload["content"]), str(payload["signature"])
    except (ValueError, KeyError, TypeError):
        raise CertificateUnreadable("signed content garbled") from None


def issued_certificate(
    content: m.CertificateContent, content_json: str, signature: str
) -> m.IssuedCertificate:
    """The certificate as the central system issued it, from the signed content a printed page
    carries (read_signed_content): what re-renders that page."""
    return m.IssuedCertificate(
        verification_code=content.verification_code,
        kind=content.kind,
        issued_at=content.issued_at,
        content_json=content_json,
        content_sha256=digest(content_json),
        signature=signature,
    )


def verify_certificate(pdf: bytes, public_key_hex: str) -> Verification:
    """Signature by the central system, then a byte-for-byte re-rendering of the content. The
    same on any terminal: nothing of the verifying terminal's own settings but the key."""
    try:
        content_json, signature = read_signed_content(pdf)
        content = m.CertificateContent.model_validate_json(content_json)
    except CertificateUnreadable:
        return Verification(False, "certificate.unreadable")
    except ValueError:
        return Verification(False, "certificate.unreadable")
    if not signature_valid(public_key_hex, content_json, signature):
        return Verification(False, "certificate.signature", content.verification_code)
    again = render_certificate(issued_certificate(content, content_json, signature))
    if again != pdf:
        return Verification(False, "certificate.altered", content.verification_code, content.kind)
    return Verification(True, "ok", content.verification_code, content.kind)
