"""Receipts: the queued-receipt screen any offline service ends on, and following a receipt
(查进度): type or scan its number, see where it stands.

The queued receipt is the last step of whichever service queued the request: the shell gives
it that service's step bar (the operation's service, kiosk.central.operations.service_of)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.central.codes import ReceiptState
from kiosk.services.progress.steps import EnterReceiptNumber, ReceiptStatus
from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity, QueuedReceipt
from offline_queue.receipts import RECEIPT_DIGITS, grouped
from ui.i18n import tr
from ui.i18n.format import date_time
from ui.i18n.texts import error_text, operation_name, receipt_state
from ui.screens.base import FlowScreen, NumberEntryScreen, ScreenContext
from ui.screens.registry import LAST, ScreenFor, ScreenRegistry, ServiceScreens, StepBar
from ui.widgets.basics import label
from ui.widgets.number_entry import NumberEntry
from ui.widgets.qr import QrCode


def progress_steps() -> list[str]:
    return [tr("Receipt number"), tr("Progress")]


class ReceiptPanel(QWidget):
    """The receipt number in big grouped digits over its QR code, which 查进度's scanner reads."""

    def __init__(self, receipt_number: str, qr_side: int, parent: QWidget) -> None:
        super().__init__(parent)
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        column.addWidget(label(tr("Receipt number"), "Muted", self))
        self.number_label = label(grouped(receipt_number), "Big", self, wrap=False)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        column.addWidget(self.number_label)
        self.qr = QrCode(receipt_number, qr_side, self)
        self.qr.setAccessibleName(tr("QR code of the receipt number"))
        column.addWidget(self.qr, alignment=Qt.AlignmentFlag.AlignHCenter)
        column.addStretch()


def add_beside_receipt(
    screen: FlowScreen, text: QVBoxLayout, receipt_number: str, qr_side: int = 240
) -> ReceiptPanel:
    """Lays out a result screen: what happened on the left, the receipt on the right."""
    panel = ReceiptPanel(receipt_number, qr_side, screen)
    screen.add_beside(text, panel)
    return panel


def printed_note(printed: bool, parent: QWidget) -> QLabel:
    """Whether the slip came out: take it, or note the number from the screen."""
    if printed:
        return label(tr("Please take your receipt."), "", parent)
    return label(
        tr("The receipt could not be printed. Please note the receipt number."), "Warning", parent
    )


class QueuedReceiptScreen(FlowScreen):
    """Accepted offline: what that means, when it happens, and the receipt to keep."""

    def __init__(self, receipt: QueuedReceipt, ctx: ScreenContext) -> None:
        heading = tr("Your request has been accepted offline")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(label(heading, "Heading", self))
        text.addWidget(label(operation_name(receipt.operation), "Subheading", self))
        text.addWidget(
            label(
                tr(
                    "The kiosk cannot reach the social security system right now. Your request "
                    "is stored safely here and will be sent automatically as soon as the "
                    "connection returns."
                ),
                "",
                self,
            )
        )
        if receipt.urgent:
            text.addWidget(
                label(
                    tr(
                        "It goes first, before everything else waiting. Until then your card "
                        "is not yet blocked: to block it at once, call 12333."
                    ),
                    "Warning",
                    self,
                )
            )
        text.addWidget(
            label(
                tr("Accepted at {time}").format(time=date_time(receipt.accepted_at)), "Muted", self
            )
        )
        text.addWidget(
            label(
                tr(
                    "Keep your receipt number. To see how it is going, choose Check progress "
                    "on the home screen and type it or hold its QR code to the scanner."
                ),
                "",
                self,
            )
        )
        self.printed_label = printed_note(receipt.printed, self)
        text.addWidget(self.printed_label)
        text.addStretch()
        panel = add_beside_receipt(self, text, receipt.receipt_number, qr_side=280)
        self.receipt_label, self.qr = panel.number_label, panel.qr
        self.done_button = self.add_primary(tr("Done"), ctx.done)


class ReceiptNumberScreen(NumberEntryScreen):
    def __init__(self, prompt: EnterReceiptNumber, ctx: ScreenContext) -> None:
        entry = NumberEntry(RECEIPT_DIGITS, (4, 4, 4, 4), accessible_name=tr("Receipt number"))
        super().__init__(
            ctx,
            subheading=tr("Check progress"),
            instruction=tr(
                "Type the 16-digit number on your receipt, or hold its QR code to the scanner"
            ),
            warning=(
                tr("That number is not a receipt number. Please check it and type it again.")
                if prompt.invalid
                else None
            ),
            entry=entry,
        )


class ReceiptStatusScreen(FlowScreen):
    def __init__(self, status: ReceiptStatus, ctx: ScreenContext) -> None:
        state = receipt_state(status.state)
        super().__init__(ctx, on_back=None, voice=state)
        self.state = status.state
        self.content.addWidget(label(operation_name(status.operation), "Subheading", self))
        self.content.addWidget(
            label(
                tr("Receipt {number}").format(number=grouped(status.receipt_number)), "Muted", self
            )
        )
        self.state_label = label(state, "Heading", self)
        self.content.addWidget(self.state_label)
        self.content.addWidget(label(_state_advice(status), "", self))
        if status.state is ReceiptState.REJECTED and status.reason_code:
            reason = error_text(status.reason_code)
            self.content.addWidget(label(f"{reason.title}. {reason.advice}", "Warning", self))
            self.content.addWidget(
                label(tr("Reason code: {code}").format(code=status.reason_code), "Code", self)
            )
        self.content.addWidget(
            label(
                tr("Last change: {time}").format(time=date_time(status.updated_at)), "Muted", self
            )
        )
        self.content.addStretch()
        self.done_button = self.add_primary(tr("Done"), ctx.done)


def _state_advice(status: ReceiptStatus) -> str:
    return {
        ReceiptState.QUEUED: lambda: tr(
            "It is waiting on this kiosk and will be sent as soon as the connection returns."
        ),
        ReceiptState.DELIVERED: lambda: tr("The social security system has processed it."),
        ReceiptState.UNDER_REVIEW: lambda: tr(
            "A member of staff is checking it. You do not need to do anything now; you will be "
            "told if anything else is needed."
        ),
        ReceiptState.REJECTED: lambda: tr("It was not accepted. The reason is below."),
    }[status.state]()


SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(QueuedReceipt, QueuedReceiptScreen, place=LAST),
        ScreenFor(EnterReceiptNumber, ReceiptNumberScreen),
        ScreenFor(ReceiptStatus, ReceiptStatusScreen),
    ),
    services=(
        ServiceScreens(
            ServiceId.PROGRESS,
            StepBar(
                progress_steps,
                at_step={EnterReceiptNumber: 0, ReceiptStatus: 1},
                at_activity={Activity.CHECKING_PROGRESS: 1},
            ),
        ),
    ),
)
