"""Doorstep services on screen: where no card issuer is fitted, the card menu's application for a
card made at the branch (which card, how it comes, the summary, the receipt) and its progress;
a certificate issued where no A4 printer works, with the place to collect it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from PySide6.QtWidgets import QLabel, QWidget
from pytestqt.qtbot import QtBot

from demo.kiosk import DemoKiosk, build_demo_kiosk
from kiosk.central.codes import (
    CardApplicationReason,
    CardDelivery,
    CardDeliveryStage,
    CertificateKind,
    ReceiptState,
)
from kiosk.services.cards.steps import (
    CardApplied,
    CardService,
    ConfirmCardApplication,
)
from kiosk.services.certificates.steps import CertificateToCollect, ChooseCertificate
from kiosk.services.progress.steps import ReceiptStatus
from kiosk.services.session import ServiceId
from offline_queue.receipts import grouped
from sandbox.server import SandboxProcess
from scripts.screenshots import COLLECTION_POINT
from tests.support.kiosks import settings_for
from tests.support.ui import click, running_shell, step_bar_of, wait_for_screen
from ui.screens import card
from ui.screens.card import (
    CardAppliedScreen,
    ChooseCardServiceScreen,
    ChooseReplacementReasonScreen,
    ConfirmCardApplicationScreen,
)
from ui.screens.certificates import CertificateToCollectScreen, ChooseCertificateScreen
from ui.screens.enrollment import PlaceIdCardScreen
from ui.screens.home import HomeScreen
from ui.screens.receipts import ReceiptStatusScreen, card_stage_name
from ui.shell import Home, InFlow, Shell

RECEIPT = "3018264519073841"


@pytest.fixture
def without_issuer(qtbot: QtBot, shared_sandbox: SandboxProcess) -> Iterator[Shell]:
    """A terminal without a card issuer (a staff laptop's devices), in a kiosk window."""
    built: DemoKiosk = build_demo_kiosk(
        settings_for(shared_sandbox.url, SHEYIN_DEVICES_CARD_ISSUER="none")
    )
    try:
        with running_shell(qtbot, built) as window:
            yield window
    finally:
        built.close()


def shown(shell: Shell, step: object, choice: CardService | None = None) -> object:
    service = ServiceId.PROGRESS if isinstance(step, ReceiptStatus) else ServiceId.CARD
    if isinstance(step, CertificateToCollect | ChooseCertificate):
        service = ServiceId.CERTIFICATES
    shell.show_state(InFlow(1, step, service, choice))  # type: ignore[arg-type]
    return shell.screen_widget


def label_texts(screen: object) -> list[str]:
    assert isinstance(screen, QWidget)
    return [w.text() for w in screen.findChildren(QLabel) if w.isVisibleTo(screen)]


def test_without_a_card_issuer_the_menu_offers_a_card_made_at_the_branch(
    qtbot: QtBot, without_issuer: Shell
) -> None:
    shell = without_issuer
    shell.show_state(Home())
    home = wait_for_screen(qtbot, shell, HomeScreen)
    assert isinstance(home, HomeScreen)
    click(qtbot, home.tiles[ServiceId.CARD])
    menu = wait_for_screen(qtbot, shell, ChooseCardServiceScreen)
    assert isinstance(menu, ChooseCardServiceScreen)
    assert next(iter(menu.choices)) is CardService.APPLY_FOR_DELIVERY
    assert CardService.NEW_CARD not in menu.choices
    assert CardService.REPLACEMENT not in menu.choices
    apply = menu.choices[CardService.APPLY_FOR_DELIVERY]
    assert apply.isEnabled()
    click(qtbot, apply)
    which = wait_for_screen(qtbot, shell, ChooseReplacementReasonScreen)
    assert isinstance(which, ChooseReplacementReasonScreen)
    assert list(which.reasons) == list(CardApplicationReason)  # a first card too, first
    assert step_bar_of(which).steps == tuple(card.delivery_steps())
    assert step_bar_of(which).current == 0
    click(qtbot, which.reasons[CardApplicationReason.NEW])
    id_card = wait_for_screen(qtbot, shell, PlaceIdCardScreen)
    assert step_bar_of(id_card).steps == tuple(card.delivery_steps())
    assert step_bar_of(id_card).current == 1
    assert isinstance(id_card, PlaceIdCardScreen)
    click(qtbot, id_card.exit_button)
    wait_for_screen(qtbot, shell, HomeScreen)


def test_the_summary_says_which_card_and_how_it_comes_and_that_it_may_wait(shell: Shell) -> None:
    summary = shown(
        shell,
        ConfirmCardApplication(
            "王**",
            "4403**********0039",
            CardApplicationReason.REPLACEMENT_LOST,
            CardDelivery.STAFF_VISIT,
            offline=True,
        ),
        CardService.APPLY_FOR_DELIVERY,
    )
    assert isinstance(summary, ConfirmCardApplicationScreen)
    details = " ".join(line.text() for line in summary.detail_lines)
    assert "王**" in details and "4403**********0039" in details
    assert card.application_reason(CardApplicationReason.REPLACEMENT_LOST) in details
    assert card.delivery_name(CardDelivery.STAFF_VISIT) in details
    warnings = [w for w in summary.findChildren(QLabel) if w.objectName() == "Warning"]
    assert len(warnings) == 1 and warnings[0].isVisibleTo(summary)  # offline: it will wait
    assert summary.confirm_button.isEnabled()
    assert step_bar_of(summary).current == 3
    online = shown(
        shell,
        ConfirmCardApplication(
            "王**", "4403**********0039", CardApplicationReason.NEW, CardDelivery.BRANCH_PICKUP
        ),
        CardService.APPLY_FOR_DELIVERY,
    )
    assert isinstance(online, ConfirmCardApplicationScreen)
    assert not [w for w in online.findChildren(QLabel) if w.objectName() == "Warning"]


def test_the_application_sent_gives_its_receipt_and_what_happens_next(shell: Shell) -> None:
    said: dict[CardDelivery, str] = {}
    for delivery in CardDelivery:
        applied = shown(
            shell,
            CardApplied(RECEIPT, CardApplicationReason.NEW, delivery),
            CardService.APPLY_FOR_DELIVERY,
        )
        assert isinstance(applied, CardAppliedScreen)
        assert applied.receipt.number_label.text() == grouped(RECEIPT)
        assert applied.receipt.qr.payload == RECEIPT
        assert step_bar_of(applied).current == len(card.delivery_steps()) - 1
        assert card.application_reason(CardApplicationReason.NEW) in label_texts(applied)
        assert applied.done_button.isVisible() and not applied.exit_button.isVisible()
        said[delivery] = applied.when_ready.text()
    # What happens next follows the way chosen: brought by staff, or collected.
    assert all(said.values()) and len(set(said.values())) == len(CardDelivery)


@pytest.mark.parametrize(
    ("stage", "marks"),
    [
        (CardDeliveryStage.APPLIED, "✓○○"),
        (CardDeliveryStage.IN_PRODUCTION, "✓▶○"),
        (CardDeliveryStage.READY_FOR_DELIVERY, "✓✓✓"),
    ],
)
def test_the_progress_of_a_card_shows_how_far_the_branch_has_got(
    shell: Shell, stage: CardDeliveryStage, marks: str
) -> None:
    now = datetime.now(UTC)
    status = ReceiptStatus(
        RECEIPT, "card_delivery_application", ReceiptState.DELIVERED, None, now, stage
    )
    screen = shown(shell, status)
    assert isinstance(screen, ReceiptStatusScreen)
    assert screen.state_label.text() == card_stage_name(stage)
    assert screen.voice == card_stage_name(stage)
    assert "".join(line.text()[0] for line in screen.stage_labels) == marks
    assert [line.text()[1:].strip() for line in screen.stage_labels] == [
        card_stage_name(each) for each in CardDeliveryStage
    ]


def test_a_receipt_without_a_card_shows_no_stages(shell: Shell) -> None:
    now = datetime.now(UTC)
    screen = shown(shell, ReceiptStatus(RECEIPT, "enrollment", ReceiptState.DELIVERED, None, now))
    assert isinstance(screen, ReceiptStatusScreen)
    assert screen.stage_labels == []


def test_a_certificate_issued_for_collection_names_the_place_and_its_code(shell: Shell) -> None:
    choose = shown(shell, ChooseCertificate(tuple(CertificateKind), COLLECTION_POINT))
    assert isinstance(choose, ChooseCertificateScreen)
    assert COLLECTION_POINT in label_texts(choose)
    printed_here = shown(shell, ChooseCertificate(tuple(CertificateKind)))
    assert COLLECTION_POINT not in label_texts(printed_here)
    issued = shown(
        shell,
        CertificateToCollect(CertificateKind.CONTRIBUTION, "TPU3RRNVB6PL6EVC", COLLECTION_POINT),
    )
    assert isinstance(issued, CertificateToCollectScreen)
    assert issued.place.text() == COLLECTION_POINT and issued.place.isVisibleTo(issued)
    assert any("TPU3RRNVB6PL6EVC" in text for text in label_texts(issued))
    assert step_bar_of(issued).current == len(step_bar_of(issued).steps) - 1
    assert issued.done_button.isVisible()
