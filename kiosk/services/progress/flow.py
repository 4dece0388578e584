"""查进度: where a receipt from any queued or reviewed request stands."""

from __future__ import annotations

from kiosk.services.progress.steps import EnterReceiptNumber, ReceiptStatus
from kiosk.services.session import Session
from kiosk.services.steps import Activity, Working
from offline_queue.receipts import InvalidReceiptNumber, parse_receipt_number


def follow_receipt(s: Session) -> None:
    invalid = False
    while True:
        answer = s.ask(EnterReceiptNumber(invalid=invalid))
        try:
            typed = parse_receipt_number(answer)  # typed, or the scanner typing the QR code
            break
        except InvalidReceiptNumber:
            invalid = True
    s.show(Working(Activity.CHECKING_PROGRESS))
    progress = s.outbound.progress(typed)
    s.ask(
        ReceiptStatus(
            receipt_number=progress.receipt_number,
            operation=progress.operation,
            state=progress.state,
            reason_code=progress.reason_code,
            updated_at=progress.updated_at,
            card_stage=progress.card_stage,
        )
    )
