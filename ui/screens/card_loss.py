"""Reporting a lost card without the card at hand: ID number, registered mobile, confirm."""

from __future__ import annotations

from collections.abc import Callable

from kiosk.services.cards.steps import ConfirmLossReport, EnterIdNumber, EnterMobile, LossReported
from offline_queue.receipts import grouped
from ui.i18n import tr
from ui.i18n.format import date_time
from ui.screens.base import FlowScreen, NumberEntryScreen
from ui.widgets.basics import label
from ui.widgets.number_entry import NumberEntry


def loss_report_steps() -> list[str]:
    return [tr("ID number"), tr("Mobile number"), tr("Confirm"), tr("Done")]


class IdNumberScreen(NumberEntryScreen):
    def __init__(
        self,
        prompt: EnterIdNumber,
        on_number: Callable[[str], None],
        on_back: Callable[[], None],
        on_exit: Callable[[], None],
    ) -> None:
        entry = NumberEntry(18, (6, 8, 4), allow_x=True, accessible_name=tr("ID number"))
        entry.entered.connect(on_number)
        super().__init__(
            steps=loss_report_steps(),
            current=0,
            subheading=tr("Report a lost card"),
            instruction=tr("Please type your 18-digit ID number"),
            warning=(
                tr("That is not a valid ID number. Please check it and type it again.")
                if prompt.invalid
                else None
            ),
            entry=entry,
            on_back=on_back,
            on_exit=on_exit,
        )


class MobileScreen(NumberEntryScreen):
    def __init__(
        self,
        prompt: EnterMobile,
        on_number: Callable[[str], None],
        on_back: Callable[[], None],
        on_exit: Callable[[], None],
    ) -> None:
        entry = NumberEntry(11, (3, 4, 4), accessible_name=tr("Mobile number"))
        entry.entered.connect(on_number)
        super().__init__(
            steps=loss_report_steps(),
            current=1,
            subheading=tr("Report a lost card"),
            instruction=tr("Please type the mobile number you registered with social security"),
            warning=(
                tr("A mobile number has 11 digits and starts with 1. Please type it again.")
                if prompt.invalid
                else None
            ),
            entry=entry,
            on_back=on_back,
            on_exit=on_exit,
        )


class ConfirmLossScreen(FlowScreen):
    def __init__(
        self,
        prompt: ConfirmLossReport,
        on_confirm: Callable[[], None],
        on_back: Callable[[], None],
        on_exit: Callable[[], None],
    ) -> None:
        heading = tr("Report your card lost?")
        super().__init__(
            steps=loss_report_steps(), current=2, on_back=on_back, on_exit=on_exit, voice=heading
        )
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
        self.confirm_button = self.add_primary(tr("Report lost"), on_confirm)


class LossReportedScreen(FlowScreen):
    def __init__(
        self, done: LossReported, on_done: Callable[[], None], on_exit: Callable[[], None]
    ) -> None:
        heading = tr("Your card has been blocked")
        super().__init__(
            steps=loss_report_steps(), current=3, on_back=None, on_exit=on_exit, voice=heading
        )
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(
            label(tr("Card number: {number}").format(number=done.masked_card_number), "", self)
        )
        self.content.addWidget(
            label(tr("Reported at {time}").format(time=date_time(done.reported_at)), "", self)
        )
        self.content.addWidget(
            label(
                tr(
                    "Nobody can use it any more. To get a new card, choose Social security "
                    "card on the home screen or ask the staff."
                ),
                "",
                self,
            )
        )
        self.content.addWidget(
            label(
                tr("Receipt number: {number}").format(number=grouped(done.receipt_number)),
                "Muted",
                self,
            )
        )
        self.content.addStretch()
        self.done_button = self.add_primary(tr("Done"), on_done)
