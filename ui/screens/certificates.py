"""Certificate printing: choose, preview as it will print, printed; or, where it is not printed
here, issued and collected at the place the bank named."""

from __future__ import annotations

import functools

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout

from kiosk.central.codes import CertificateKind
from kiosk.services.certificates.steps import (
    CertificatePreview,
    CertificatePrinted,
    CertificateToCollect,
    ChooseCertificate,
)
from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity
from ui.i18n import tr
from ui.screens.base import FlowScreen, ScreenContext
from ui.screens.identify import CARD_AND_PIN, READING_CARD_AND_PIN
from ui.screens.registry import ScreenFor, ScreenRegistry, ServiceScreens, StepBar
from ui.widgets.basics import choice_tile, label
from ui.widgets.receipt import SuccessTitle, take_reminder


def certificate_steps() -> list[str]:
    return [tr("Insert card"), tr("Enter PIN"), tr("Choose"), tr("Preview"), tr("Print")]


def certificate_name(kind: CertificateKind) -> str:
    return {
        CertificateKind.CONTRIBUTION: lambda: tr("Contribution certificate"),
        CertificateKind.PERSONAL_RIGHTS: lambda: tr("Personal insurance record"),
        CertificateKind.PENSION_RECEIPT: lambda: tr("Pension receipt certificate"),
    }[kind]()


def certificate_hint(kind: CertificateKind) -> str:
    return {
        CertificateKind.CONTRIBUTION: lambda: tr("Your contributions year by year"),
        CertificateKind.PERSONAL_RIGHTS: lambda: tr("Your insurance status and account balances"),
        CertificateKind.PENSION_RECEIPT: lambda: tr("The pension paid to you, month by month"),
    }[kind]()


class ChooseCertificateScreen(FlowScreen):
    def __init__(self, prompt: ChooseCertificate, ctx: ScreenContext) -> None:
        heading = tr("Which certificate do you need?")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        grid = QGridLayout()
        grid.setSpacing(24)
        self.choices: dict[CertificateKind, QPushButton] = {}
        for index, kind in enumerate(prompt.choices):
            tile = choice_tile(
                certificate_name(kind),
                certificate_hint(kind),
                functools.partial(ctx.answer, kind),
                self,
                min_height=160,
            )
            self.choices[kind] = tile
            grid.addWidget(tile, index // 2, index % 2)
        self.content.addLayout(grid)
        if prompt.collection_point:
            self.note = label(tr("It is not printed here. You collect it at:"), "Muted", self)
            self.content.addWidget(self.note)
            # The bank's own words, on a line of their own: no sentence of ours around them.
            self.content.addWidget(label(prompt.collection_point, "Muted", self))
        else:
            self.note = label(
                tr("It is printed on A4 with a verification code and a QR code."), "Muted", self
            )
            self.content.addWidget(self.note)
        self.content.addStretch()


class CertificatePreviewScreen(FlowScreen):
    """The page on the left as it will print; what happens next on the right."""

    def __init__(self, prompt: CertificatePreview, ctx: ScreenContext) -> None:
        heading = tr("Please check your certificate")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        page = QPixmap()
        page.loadFromData(prompt.page_png, "PNG")
        self.page = label("", "", self)
        self.page.setPixmap(page.scaledToHeight(640, Qt.TransformationMode.SmoothTransformation))
        self.page.setAccessibleName(certificate_name(prompt.kind))
        text = QVBoxLayout()
        text.setSpacing(20)
        text.addWidget(label(heading, "Heading", self))
        text.addWidget(label(certificate_name(prompt.kind), "Subheading", self))
        text.addWidget(
            label(tr("Verification code: {code}").format(code=prompt.verification_code), "", self)
        )
        text.addWidget(
            label(
                tr("Anyone can check it is genuine with this code or the QR code on the page."),
                "Muted",
                self,
            )
        )
        text.addWidget(
            label(
                tr(
                    "On the screen your name and ID number are partly hidden; the printed page "
                    "shows them in full."
                ),
                "",
                self,
            )
        )
        text.addStretch()
        row = QHBoxLayout()
        row.setSpacing(40)
        row.addWidget(self.page)
        row.addLayout(text, stretch=1)
        self.content.addLayout(row, stretch=1)
        self.print_button = self.add_primary(tr("Print"), ctx.confirm)


class CertificatePrintedScreen(FlowScreen):
    def __init__(self, printed: CertificatePrinted, ctx: ScreenContext) -> None:
        heading = tr("Please take your certificate from the printer")
        super().__init__(ctx, on_back=None, voice=heading)
        self.content.addWidget(SuccessTitle(heading, self))
        # The verification code proves the page genuine; it is not a receipt number to keep.
        self.content.addWidget(
            label(tr("Verification code: {code}").format(code=printed.verification_code), "", self)
        )
        reminder = take_reminder(card=True, parent=self)
        if reminder is not None:
            self.content.addWidget(reminder)
        self.content.addStretch()
        self.done_button = self.add_primary(tr("Done"), ctx.done)


class CertificateToCollectScreen(FlowScreen):
    """Issued, to be collected: the certificate, its verification code, and where."""

    def __init__(self, issued: CertificateToCollect, ctx: ScreenContext) -> None:
        heading = tr("Your certificate has been issued")
        super().__init__(ctx, on_back=None, voice=heading)
        self.content.addWidget(SuccessTitle(heading, self))
        self.content.addWidget(label(certificate_name(issued.kind), "Subheading", self))
        self.content.addWidget(
            label(tr("Verification code: {code}").format(code=issued.verification_code), "", self)
        )
        self.content.addWidget(label(tr("Collect the printed certificate at:"), "", self))
        # The bank's own words from the settings, as written: a place, not a translation.
        self.place = label(issued.collection_point, "Subheading", self)
        self.content.addWidget(self.place)
        self.content.addWidget(
            label(
                tr(
                    "Bring your ID card. Anyone can check the certificate is genuine with its "
                    "verification code."
                ),
                "",
                self,
            )
        )
        reminder = take_reminder(card=True, parent=self)
        if reminder is not None:
            self.content.addWidget(reminder)
        self.content.addStretch()
        self.done_button = self.add_primary(tr("Done"), ctx.done)


SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(ChooseCertificate, ChooseCertificateScreen),
        ScreenFor(CertificatePreview, CertificatePreviewScreen),
        ScreenFor(CertificatePrinted, CertificatePrintedScreen),
        ScreenFor(CertificateToCollect, CertificateToCollectScreen),
    ),
    services=(
        ServiceScreens(
            ServiceId.CERTIFICATES,
            StepBar(
                certificate_steps,
                at_step={
                    **CARD_AND_PIN,
                    ChooseCertificate: 2,
                    CertificatePreview: 3,
                    CertificatePrinted: 4,
                    CertificateToCollect: 4,
                },
                at_activity={
                    **READING_CARD_AND_PIN,
                    Activity.ISSUING_CERTIFICATE: 3,
                    Activity.PRINTING: 4,
                },
            ),
        ),
    ),
)
