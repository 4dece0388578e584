"""What following a receipt (查进度) asks and shows; ui/screens/receipts.py renders it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import ClassVar

from kiosk.central.codes import CardDeliveryStage, ReceiptState
from kiosk.services.steps import Navigation, Prompt


@dataclass(frozen=True)
class EnterReceiptNumber(Prompt[str]):
    """Typed on the keypad, or scanned from the receipt's QR code (the scanner types it)."""

    answer_type: ClassVar[type] = str
    invalid: bool = False


@dataclass(frozen=True)
class ReceiptStatus(Prompt[Navigation]):
    answer_type: ClassVar[type] = Navigation
    receipt_number: str
    operation: str
    state: ReceiptState
    reason_code: str | None
    updated_at: datetime
    card_stage: CardDeliveryStage | None = None
    """A card applied for with delivery: where it stands (made at the branch, then brought)."""
