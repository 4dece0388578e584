"""What a technician prints to test the printers: an A4 test page and a test receipt. They
name the terminal and the time, never a citizen; the page has what shows a printer's faults
(the margins' frame, a grey scale, lines fine and thick, Chinese and Latin text)."""

from __future__ import annotations

import io
from datetime import datetime

from kiosk.documents.fonts import register_cjk_font
from kiosk.documents.receipt import ReceiptSlip

TEST_PAGE_TITLE = "打印机测试页"
TEST_RECEIPT_TITLE = "凭条打印机测试"
SAMPLE = "社会保险 Social Security 0123456789"
GREYS = (0.0, 0.2, 0.4, 0.6, 0.8, 0.95)


def check_receipt(terminal_id: str, at: datetime) -> ReceiptSlip:
    return ReceiptSlip(
        TEST_RECEIPT_TITLE,
        (
            "本凭条由维护人员打印，无业务内容。",
            SAMPLE,
            "-" * 32,
            f"终端：{terminal_id}",
            f"时间：{at.astimezone():%Y-%m-%d %H:%M:%S}",
        ),
        f"TEST {terminal_id}",
    )


def check_page_pdf(terminal_id: str, at: datetime) -> bytes:
    """One A4 page."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    font = register_cjk_font()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1)
    canvas.setTitle(TEST_PAGE_TITLE)
    width, height = A4
    margin = 10 * mm
    canvas.setLineWidth(0.5)
    canvas.rect(margin, margin, width - 2 * margin, height - 2 * margin)
    canvas.setFont(font, 24)
    canvas.drawCentredString(width / 2, height - 40 * mm, TEST_PAGE_TITLE)
    canvas.setFont(font, 12)
    y = height - 55 * mm
    for line in (f"终端：{terminal_id}", f"时间：{at.astimezone():%Y-%m-%d %H:%M:%S}", SAMPLE):
        canvas.drawString(25 * mm, y, line)
        y -= 8 * mm
    side = (width - 50 * mm) / len(GREYS)
    for index, grey in enumerate(GREYS):
        canvas.setFillGray(grey)
        canvas.rect(25 * mm + index * side, y - 25 * mm, side, 20 * mm, stroke=0, fill=1)
    canvas.setFillGray(0)
    y -= 40 * mm
    for index, thickness in enumerate((0.25, 0.5, 1.0, 2.0, 4.0)):
        canvas.setLineWidth(thickness)
        canvas.line(25 * mm, y - index * 8 * mm, width - 25 * mm, y - index * 8 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()
