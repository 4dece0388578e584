"""Reporting a lost card without the card at hand (临时挂失): ID number, registered mobile,
confirm; and the card blocked, which ends the report by ID card and face too.

Part of the card services (ui.screens.card declares their step bars); this module gives the
report by mobile's own bar."""

from __future__ import annotations

from PySide6.QtWidgets import QVBoxLayout

from kiosk.services.cards.steps import ConfirmLossReport, EnterIdNumber, EnterMobile, LossReported
from kiosk.services.steps import Activity, QueuedReceipt
from ui.i18n import tr
from ui.i18n.format import date_time
from ui.screens.base import FlowScreen, NumberEntryScreen, ScreenContext
from ui.screens.receipts import add_beside_receipt
from ui.screens.registry import LAST, ScreenFor, ScreenRegistry, StepBar
from ui.widgets.basics import label
from ui.widgets.number_entry import ID_NUMBER_GROUPS, MOBILE_GROUPS, NumberEntry
from ui.widgets.receipt import SuccessTitle


def loss_by_mobile_steps() -> list[str]:
    return [tr("Service"), tr("ID number"), tr("Mobile number"), tr("Confirm"), tr("Done")]


CONFIRM, REPORTED = 3, 4
LOSS_BY_MOBILE = StepBar(
    loss_by_mobile_steps,
    at_step={
        EnterIdNumber: 1,
        EnterMobile: 2,
        ConfirmLossReport: CONFIRM,
        LossReported: REPORTED,
        QueuedReceipt: LAST,
    },
    at_activity={Activity.SUBMITTING: CONFIRM},
)
"""The card services' step bar once the citizen chose to report a loss by ID number and
mobile."""


class IdNumberScreen(NumberEntryScreen):
    def __init__(self, prompt: EnterIdNumber, ctx: ScreenContext) -> None:
        entry = NumberEntry(18, ID_NUMBER_GROUPS, allow_x=True, accessible_name=tr("ID number"))
        reason = tr("That is not a valid ID number. Please check it and type it again.")
        super().__init__(
            ctx,
            subheading=tr("Report a lost card"),
            instruction=tr("Please type your 18-digit ID number"),
            warning=reason if prompt.invalid else None,
            prompt=prompt,
            reason=reason,
            entry=entry,
        )


class MobileScreen(NumberEntryScreen):
    def __init__(self, prompt: EnterMobile, ctx: ScreenContext) -> None:
        entry = NumberEntry(11, MOBILE_GROUPS, accessible_name=tr("Mobile number"))
        reason = tr("A mobile number has 11 digits and starts with 1. Please type it again.")
        super().__init__(
            ctx,
            subheading=tr("Report a lost card"),
            instruction=tr("Please type the mobile number you registered with social security"),
            warning=reason if prompt.invalid else None,
            prompt=prompt,
            reason=reason,
            entry=entry,
        )


class ConfirmLossScreen(FlowScreen):
    def __init__(self, prompt: ConfirmLossReport, ctx: ScreenContext) -> None:
        heading = tr("Report your card lost?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(
            label(tr("ID number: {number}").format(number=prompt.masked_id_number), "", self)
        )
        self.content.addWidget(
            label(tr("Mobile number: {number}").format(number=prompt.masked_mobile), "", self)
        )
        self.content.addWidget(
            label(
                tr(
                    "Your card will be blocked for payments and services. This cannot be undone "
                    "here; you can then apply for a replacement card."
                ),
                "",
                self,
            )
        )
        if prompt.offline:
            self.offline_notice = label(
                tr(
                    "The kiosk is offline. Your report will be stored here and sent first as "
                    "soon as the connection returns. Until then the card is not blocked: to "
                    "block it at once, call 12333."
                ),
                "Warning",
                self,
            )
            self.voice = f"{heading} {self.offline_notice.text()}"
            self.content.addWidget(self.offline_notice)
        self.content.addStretch()
        self.confirm_button = self.add_primary(tr("Report lost"), ctx.confirm)


class LossReportedScreen(FlowScreen):
    def __init__(self, done: LossReported, ctx: ScreenContext) -> None:
        heading = tr("Your card has been blocked")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(SuccessTitle(heading, self))
        text.addWidget(
            label(tr("Card number: {number}").format(number=done.masked_card_number), "", self)
        )
        text.addWidget(
            label(tr("Reported at {time}").format(time=date_time(done.reported_at)), "", self)
        )
        text.addWidget(
            label(
                tr(
                    "Nobody can use it any more. To get a new card, choose Social security "
                    "card on the home screen or ask the staff."
                ),
                "",
                self,
            )
        )
        text.addStretch()
        self.receipt = add_beside_receipt(self, text, done.receipt_number)
        self.done_button = self.add_primary(tr("Done"), ctx.done)


SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(EnterIdNumber, IdNumberScreen),
        ScreenFor(EnterMobile, MobileScreen),
        ScreenFor(ConfirmLossReport, ConfirmLossScreen),
        ScreenFor(LossReported, LossReportedScreen),
    )
)
