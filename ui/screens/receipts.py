"""Receipts: the queued-receipt screen any offline service ends on, and following a receipt
(查进度): type or scan its number, see where it stands (a card applied for with delivery: how
far the branch has got with it).

The queued receipt is the last step of whichever service queued the request: the shell gives
it that service's step bar (the operation's service, kiosk.central.operations.service_of)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kiosk.central.codes import CardDeliveryStage, ReceiptState
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
from ui.widgets.number_entry import RECEIPT_GROUPS, NumberEntry
from ui.widgets.receipt import (
    ReceiptNumber,
    SuccessTitle,
    not_printed_note,
    receipt_name,
    take_reminder,
)


def progress_steps() -> list[str]:
    return [receipt_name(), tr("Progress")]


def add_beside_receipt(
    screen: FlowScreen, text: QVBoxLayout, receipt_number: str, qr_side: int = 240
) -> ReceiptNumber:
    """Lays out a result screen: what happened on the left, the receipt number to keep (large,
    grouped, with its QR code) on the right."""
    panel = ReceiptNumber(receipt_number, qr_side, screen)
    screen.add_beside(text, panel)
    return panel


def add_take_away(
    text: QVBoxLayout,
    parent: QWidget,
    *,
    printed: bool,
    card: bool = False,
    id_card: bool = False,
    on_screen: bool = False,
) -> QLabel | None:
    """What to take away, and if the slip did not come out, what to do instead; returns what
    is said about the slip (the reminder that names it, or the not-printed warning).
    `on_screen`: the receipt is meant to be kept from the screen (a staff laptop), so no slip
    is missed."""
    reminder = take_reminder(card=card, id_card=id_card, receipt=printed, parent=parent)
    if reminder is not None:
        text.addWidget(reminder)
    if printed or on_screen:
        return reminder
    warning = not_printed_note(parent)
    text.addWidget(warning)
    return warning


class QueuedReceiptScreen(FlowScreen):
    """Accepted offline: what that means, when it happens, and the receipt to keep."""

    def __init__(self, receipt: QueuedReceipt, ctx: ScreenContext) -> None:
        heading = tr("Your request has been accepted offline")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(SuccessTitle(heading, self))
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
                        "Your loss report will be sent first, before anything else "
                        "waiting. Until then your card is not blocked: to block it "
                        "at once, call 12333."
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
        follow = (
            tr(
                "Keep your receipt number: photograph its QR code or write it down. You can "
                "follow it with the number by calling 12333 or at any branch."
            )
            if ctx.staff_laptop
            else tr(
                "Keep your receipt number. To see how it is going, choose Check progress "
                "on the home screen and type it or hold its QR code to the scanner."
            )
        )
        text.addWidget(label(follow, "", self))
        self.printed_label = add_take_away(
            text, self, printed=receipt.printed, on_screen=ctx.staff_laptop
        )
        text.addStretch()
        panel = add_beside_receipt(self, text, receipt.receipt_number, qr_side=280)
        self.receipt_label, self.qr = panel.number_label, panel.qr
        self.done_button = self.add_primary(tr("Done"), ctx.done)


class ReceiptNumberScreen(NumberEntryScreen):
    def __init__(self, prompt: EnterReceiptNumber, ctx: ScreenContext) -> None:
        entry = NumberEntry(RECEIPT_DIGITS, RECEIPT_GROUPS, accessible_name=receipt_name())
        reason = tr("That number is not a receipt number. Please check it and type it again.")
        super().__init__(
            ctx,
            subheading=tr("Check progress"),
            instruction=tr(
                "Type the 16-digit number on your receipt, or hold its QR code to the scanner"
            ),
            warning=reason if prompt.invalid else None,
            prompt=prompt,
            reason=reason,
            entry=entry,
        )


class ReceiptStatusScreen(FlowScreen):
    def __init__(self, status: ReceiptStatus, ctx: ScreenContext) -> None:
        stage = status.card_stage if status.state is ReceiptState.DELIVERED else None
        state = card_stage_name(stage) if stage else receipt_state(status.state)
        super().__init__(ctx, on_back=None, voice=state)
        self.state = status.state
        self.content.addWidget(label(operation_name(status.operation), "Subheading", self))
        self.content.addWidget(
            label(
                tr("Receipt number: {number}").format(number=grouped(status.receipt_number)),
                "Subheading",
                self,
            )
        )
        self.state_label = label(state, "Heading", self)
        self.content.addWidget(self.state_label)
        self.stage_labels: list[QLabel] = []
        if stage is not None:
            self.stage_labels = _card_stages(stage, self)
            for line in self.stage_labels:
                self.content.addWidget(line)
        advice = _card_stage_advice(stage) if stage else _state_advice(status)
        self.content.addWidget(label(advice, "", self))
        if status.state is ReceiptState.REJECTED and status.reason_code:
            reason = error_text(status.reason_code)
            # Two lines, not "title. advice": a Latin full stop inside Chinese text reads wrong.
            self.content.addWidget(label(reason.title, "Warning", self))
            self.content.addWidget(label(reason.advice, "", self))
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


def card_stage_name(stage: CardDeliveryStage) -> str:
    return {
        CardDeliveryStage.APPLIED: lambda: tr("Application received"),
        CardDeliveryStage.IN_PRODUCTION: lambda: tr("Card being made"),
        CardDeliveryStage.READY_FOR_DELIVERY: lambda: tr("Card ready for delivery"),
    }[stage]()


def _card_stage_advice(stage: CardDeliveryStage) -> str:
    return {
        CardDeliveryStage.APPLIED: lambda: tr(
            "The branch has your application and will make your card soon."
        ),
        CardDeliveryStage.IN_PRODUCTION: lambda: tr(
            "The branch is making your card. You do not need to do anything now."
        ),
        CardDeliveryStage.READY_FOR_DELIVERY: lambda: tr(
            "Staff will bring it to you, or you collect it at the branch with your ID card, "
            "as chosen when you applied."
        ),
    }[stage]()


def _card_stages(reached: CardDeliveryStage, parent: QWidget) -> list[QLabel]:
    """The branch's stages, each marked: done, under way (the card being made), or to come."""
    stages = list(CardDeliveryStage)
    at = stages.index(reached)
    lines = []
    for index, stage in enumerate(stages):
        if index == at and stage is CardDeliveryStage.IN_PRODUCTION:
            mark = "▶"
        else:
            mark = "✓" if index <= at else "○"
        line = label(f"{mark}  {card_stage_name(stage)}", "Subheading", parent)
        line.setEnabled(index <= at)
        lines.append(line)
    return lines


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
