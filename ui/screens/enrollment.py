"""Enrollment: the ID card on the reader, a mobile number, the insurances, a plain summary.

The ID card on its reader (PlaceIdCard) is shared with the card services; its screen lives
here, where it began, and shows the step bar of whichever service is running."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QPushButton, QVBoxLayout

from kiosk.central.codes import InsuranceKind
from kiosk.services.enrollment.steps import (
    ChooseInsurances,
    ConfirmEnrollment,
    EnrollmentDone,
    EnterContactMobile,
)
from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity, PlaceIdCard, QueuedReceipt
from ui.i18n import tr
from ui.i18n.format import day
from ui.screens.base import FlowScreen, NumberEntryScreen, ScreenContext
from ui.screens.receipts import add_beside_receipt, add_take_away
from ui.screens.registry import LAST, ScreenFor, ScreenRegistry, ServiceScreens, StepBar
from ui.widgets.basics import choice_tile, label
from ui.widgets.number_entry import MOBILE_GROUPS, NumberEntry
from ui.widgets.receipt import SuccessTitle


def enrollment_steps() -> list[str]:
    return [tr("ID card"), tr("Mobile number"), tr("Insurance"), tr("Confirm"), tr("Done")]


def insurance_name(kind: InsuranceKind) -> str:
    return {
        InsuranceKind.RESIDENT_PENSION: lambda: tr("Urban and rural residents' pension"),
        InsuranceKind.RESIDENT_MEDICAL: lambda: tr("Residents' basic medical insurance"),
    }[kind]()


def insurance_hint(kind: InsuranceKind) -> str:
    return {
        InsuranceKind.RESIDENT_PENSION: lambda: tr("Pay yearly from age 16; get a pension from 60"),
        InsuranceKind.RESIDENT_MEDICAL: lambda: tr(
            "Pay yearly; helps with hospital and clinic costs"
        ),
    }[kind]()


class PlaceIdCardScreen(FlowScreen):
    def __init__(self, _shown: PlaceIdCard, ctx: ScreenContext) -> None:
        text = tr("Please place your ID card on the reader")
        # A view, not a prompt: Back cannot step back into the flow, so it leaves.
        super().__init__(ctx, on_back=ctx.exit, voice=text)
        heading = label(text, "Heading", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addStretch()
        self.content.addWidget(heading)
        hint = label(
            tr("The reader is the flat panel marked 身份证. Leave the card there until asked."),
            "",
            self,
        )
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.content.addWidget(hint)
        self.content.addStretch()


class ContactMobileScreen(NumberEntryScreen):
    def __init__(self, prompt: EnterContactMobile, ctx: ScreenContext) -> None:
        entry = NumberEntry(11, MOBILE_GROUPS, accessible_name=tr("Mobile number"))
        reason = tr("A mobile number has 11 digits and starts with 1. Please type it again.")
        super().__init__(
            ctx,
            subheading=tr("Hello, {name}").format(name=prompt.masked_name),
            instruction=tr("Please type your mobile number"),
            note=tr("The social security office uses it only to contact you about your insurance."),
            warning=reason if prompt.invalid else None,
            prompt=prompt,
            reason=reason,
            entry=entry,
        )


class ChooseInsurancesScreen(FlowScreen):
    """Large toggles; Next needs at least one."""

    def __init__(self, prompt: ChooseInsurances, ctx: ScreenContext) -> None:
        heading = tr("Which insurance do you want to join?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(label(tr("You can choose both."), "", self))
        grid = QGridLayout()
        grid.setSpacing(24)
        self.toggles: dict[InsuranceKind, QPushButton] = {}
        # Made before the tiles, whose toggling enables it.
        self.next_button = self.add_primary(tr("Next"), self._choose)
        for index, kind in enumerate(prompt.offered):
            tile = choice_tile(
                insurance_name(kind), insurance_hint(kind), self._refresh, self, min_height=160
            )
            tile.setCheckable(True)
            self.toggles[kind] = tile
            grid.addWidget(tile, 0, index)
        self.content.addLayout(grid)
        for kind in prompt.already:
            self.content.addWidget(
                label(
                    tr("Already enrolled: {name}").format(name=insurance_name(kind)), "Muted", self
                )
            )
        self.content.addStretch()
        self._refresh()

    def _choose(self) -> None:
        self.ctx.answer(tuple(kind for kind, tile in self.toggles.items() if tile.isChecked()))

    def _refresh(self) -> None:
        self.next_button_enabled = any(t.isChecked() for t in self.toggles.values())
        self.next_button.setEnabled(self.next_button_enabled)


class ConfirmEnrollmentScreen(FlowScreen):
    def __init__(self, prompt: ConfirmEnrollment, ctx: ScreenContext) -> None:
        heading = tr("Please check your details")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        gender = {"male": tr("Male"), "female": tr("Female")}.get(prompt.gender, prompt.gender)
        who = [
            tr("Name: {value}").format(value=prompt.masked_name),
            tr("ID number: {number}").format(number=prompt.masked_id_number),
        ]
        from_the_id_card = [
            tr("Gender: {value}").format(value=gender),
            tr("Ethnic group: {value}").format(value=prompt.nation),
            tr("Address: {value}").format(value=prompt.masked_address),
        ]
        chosen = [
            tr("Mobile number: {number}").format(number=prompt.masked_mobile),
            tr("Joining: {value}").format(
                value=tr(", ").join(insurance_name(k) for k in prompt.insurances)
            ),
        ]
        # Elder mode asks to check only who and what was typed or chosen here: the rest is
        # read from the ID card's chip, and nobody can change it at the kiosk.
        lines = who + chosen if ctx.elder else who + from_the_id_card + chosen
        self.detail_lines = [label(line, "", self) for line in lines]
        for line_label in self.detail_lines:
            self.content.addWidget(line_label)
        if prompt.offline:
            self.content.addWidget(
                label(
                    tr(
                        "The kiosk is offline. Your enrolment is stored here and "
                        "will be sent as soon as the connection returns; you get a "
                        "provisional receipt now."
                    ),
                    "Warning",
                    self,
                )
            )
        self.content.addStretch()
        self.confirm_button = self.add_primary(tr("Enrol"), ctx.confirm)


class EnrollmentDoneScreen(FlowScreen):
    def __init__(self, done: EnrollmentDone, ctx: ScreenContext) -> None:
        heading = tr("Enrolment complete")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        title = SuccessTitle(heading, self)
        self.heading = title.heading
        text.addWidget(title)
        for kind in done.insurances:
            text.addWidget(label(insurance_name(kind), "Subheading", self))
        text.addWidget(label(tr("From {date}").format(date=day(done.effective_from)), "", self))
        self.printed_label = add_take_away(text, self, printed=done.printed, id_card=True)
        text.addStretch()
        self.receipt = add_beside_receipt(self, text, done.receipt_number)
        self.done_button = self.add_primary(tr("Done"), ctx.done)


SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(PlaceIdCard, PlaceIdCardScreen),
        ScreenFor(EnterContactMobile, ContactMobileScreen),
        ScreenFor(ChooseInsurances, ChooseInsurancesScreen),
        ScreenFor(ConfirmEnrollment, ConfirmEnrollmentScreen),
        ScreenFor(EnrollmentDone, EnrollmentDoneScreen),
    ),
    services=(
        ServiceScreens(
            ServiceId.ENROLLMENT,
            StepBar(
                enrollment_steps,
                at_step={
                    PlaceIdCard: 0,
                    EnterContactMobile: 1,
                    ChooseInsurances: 2,
                    ConfirmEnrollment: 3,
                    EnrollmentDone: 4,
                    QueuedReceipt: LAST,
                },
                at_activity={
                    Activity.READING_ID_CARD: 0,
                    Activity.CHECKING_ENROLLMENT: 0,
                    Activity.SUBMITTING: 3,
                },
            ),
        ),
    ),
)
