"""Renders every kiosk screen offscreen, in both languages and both modes: `make screenshots`.

The data comes from a real sandbox over HTTP, so the pictures show what a citizen sees.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from unittest.mock import patch

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from demo.kiosk import DemoKiosk, build_demo_kiosk
from demo.tray_bar import tray_panel
from devices.base import DeviceCounts, DeviceStatus, Fault
from devices.manager import DeviceClass, DeviceDetail
from kiosk.app import private_data_dir
from kiosk.central import models as m
from kiosk.central.codes import (
    CardApplicationReason,
    CardDelivery,
    CardDeliveryStage,
    CertificateKind,
    ReceiptState,
)
from kiosk.config import load_settings
from kiosk.documents.certificate import render_certificate
from kiosk.documents.preview import preview_png
from kiosk.face.codes import FaceAction, QualityIssue
from kiosk.fleet.closure import close_remotely, closure_path, reopen_remotely
from kiosk.roles.device_checks import CheckResult, DeviceCheck
from kiosk.roles.line_check import LineReport
from kiosk.services.cards.steps import (
    ISSUES_A_CARD,
    CardActivated,
    CardApplied,
    CardReady,
    CardService,
    ChooseCardDelivery,
    ChooseCardService,
    ChooseReplacementReason,
    ConfirmCardApplication,
    ConfirmCardLoss,
    ConfirmLossReport,
    EnterIdNumber,
    EnterMobile,
    IssuanceStage,
    IssuingCard,
    LossReported,
    PinChanged,
    SetNewPin,
)
from kiosk.services.certificates.steps import (
    CertificatePreview,
    CertificatePrinted,
    CertificateToCollect,
    ChooseCertificate,
)
from kiosk.services.eligibility.steps import EligibilityDue, EligibilityResult
from kiosk.services.enrollment.flow import RESIDENT_INSURANCES
from kiosk.services.enrollment.steps import (
    ChooseInsurances,
    ConfirmEnrollment,
    EnrollmentDone,
    EnterContactMobile,
)
from kiosk.services.payment.steps import (
    BankPinOnPad,
    ChoosePayable,
    ChoosePaymentMethod,
    EnterBankPin,
    NothingToPay,
    PayableOption,
    PayByQr,
    PaymentDone,
)
from kiosk.services.progress.steps import EnterReceiptNumber, ReceiptStatus
from kiosk.services.query.steps import QueryResults
from kiosk.services.session import ServiceId
from kiosk.services.steps import (
    Activity,
    EnterPin,
    FaceGuidance,
    FaceRetry,
    InsertCard,
    PlaceIdCard,
    QueuedReceipt,
    TakeCard,
    Working,
)
from kiosk.system.restarts import Backoff
from offline_queue.store import EntryState, EntrySummary
from sandbox.citizens import demo_citizen
from sandbox.db import RESIDENT_PENSION_GRADES_FEN
from sandbox.server import start_sandbox_process
from ui.i18n import Language
from ui.main import create_shell
from ui.screens.base import AnyStep, NumberEntryScreen
from ui.screens.payment import ChoosePayableScreen
from ui.screens.query import QueryResultsScreen
from ui.shell import Attract, Failed, Home, InFlow, Shell, ShellState
from ui.technician.role import (
    AtCamera,
    AtDesk,
    AtDevice,
    AtLine,
    AtLogin,
    AtLogs,
)
from ui.widgets.maintenance import MaintenanceWarning

SIZE = (1920, 1080)


def settle(app: QApplication) -> None:
    for _ in range(3):
        app.processEvents()
        QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)


def query_results(shell: Shell, citizen_key: str) -> QueryResults:
    central = shell.kiosk.central  # the same client the flows use
    citizen = demo_citizen(citizen_key)
    assert citizen.card is not None
    found = central.identify(citizen.id_number, citizen.card.card_number)
    from kiosk.domain.identity import mask_id_number, mask_name

    return QueryResults(
        masked_name=mask_name(found.name),
        masked_id_number=mask_id_number(citizen.id_number),
        insured=central.insurances(found.person_ref),
        contributions=central.contributions(found.person_ref),
        accounts=central.accounts(found.person_ref),
        benefits=central.benefits(found.person_ref),
    )


def in_service(
    service: ServiceId, choice: CardService | None = None
) -> Callable[[int, AnyStep], InFlow]:
    """A scene's state: a step of `service` (after `choice` on its menu), as a session shows
    it; the shell frames it with that service's step bar from the screen registries."""

    def state(token: int, step: AnyStep) -> InFlow:
        return InFlow(token, step, service, choice)

    return state


delivered = in_service(ServiceId.CARD, CardService.APPLY_FOR_DELIVERY)
"""A step of the card application for delivery (a terminal without a card issuer)."""
ISSUER_MENU = tuple(c for c in CardService if c is not CardService.APPLY_FOR_DELIVERY)
"""The card menu of a kiosk with a card issuer: cards are made here, not applied for."""
NO_ISSUER_MENU = (
    CardService.APPLY_FOR_DELIVERY,
    *(c for c in CardService if c not in (*ISSUES_A_CARD, CardService.APPLY_FOR_DELIVERY)),
)
"""The card menu where no card is made, in the menu's order (kiosk.services.cards.flow)."""
COLLECTION_POINT = "中国工商银行深圳福田支行（深圳市福田区深南中路1001号）"
"""As a bank would set certificates.collection_point."""


def typed(digits: str, wrong: AnyStep | None = None) -> Callable[[Shell], None]:
    """Digits typed on the number pad; then, if `wrong`, the flow asking again because they
    were wrong: they stay on screen beside the reason."""

    def type_them(s: Shell) -> None:
        assert isinstance(s.screen_widget, NumberEntryScreen)
        for digit in digits:
            s.screen_widget.entry.type(digit)
        if wrong is not None:
            s.screen_widget.update_in_place(wrong)

    return type_them


def scenes(shell: Shell) -> list[tuple[str, ShellState, Callable[[Shell], None] | None]]:
    employee = query_results(shell, "contributor")
    pensioner = query_results(shell, "pensioner-due")

    def section(index: int) -> Callable[[Shell], None]:
        def select(s: Shell) -> None:
            assert isinstance(s.screen_widget, QueryResultsScreen)
            s.screen_widget.show_section(index)

        return select

    def pick_first(s: Shell) -> None:
        screen = s.screen_widget
        assert isinstance(screen, ChoosePayableScreen)
        screen.pick(0)

    grades = tuple(enumerate(RESIDENT_PENSION_GRADES_FEN, start=1))
    payables = (
        PayableOption("resident_pension", 2024, grades, True),
        PayableOption("resident_pension", 2026, grades, False),
        PayableOption("resident_medical", 2027, ((1, 38_000),), False),
    )
    expires = datetime.now(UTC) + timedelta(minutes=9, seconds=41)

    def open_year(s: Shell) -> None:
        assert isinstance(s.screen_widget, QueryResultsScreen)
        s.screen_widget.show_section(1)
        s.screen_widget.contributions.open_year(employee.contributions.years[0])

    def idle(s: Shell) -> None:
        s._idle()

    queue = shell.kiosk.outbound.queue
    queue.monitor.report(True)
    all_devices_working(shell)

    def offline(s: Shell) -> None:
        # As a failed probe would; the monitor's own probe must not find the sandbox up again.
        queue.monitor.stop()
        queue.monitor.report(False)
        settle(QApplication.instance())  # type: ignore[arg-type]

    now = datetime.now(UTC)
    receipt = "3018264519073841"  # not a bank card number (those begin 62, 4, 5)
    camera = shell.kiosk.devices.camera
    assert camera is not None
    camera().start()
    camera().wait_for_frame(0, 10)

    issued = shell.kiosk.central.issue_certificate(
        m.CertificateRequest(
            id_number=demo_citizen("contributor").id_number, kind=m.CertificateKind.CONTRIBUTION
        ),
        uuid.uuid4(),
    )
    page = preview_png(render_certificate(issued, masked=True))  # as the flow shows it

    def live(s: Shell) -> None:
        # Let the preview show the camera's picture before the grab.
        app = QApplication.instance()
        deadline = time.monotonic() + 0.5
        while time.monotonic() < deadline:
            settle(app)  # type: ignore[arg-type]
            time.sleep(0.05)

    # Each scene as the step of its service, as a session would show it: the step bar is that
    # service's (and, on the card menu, the chosen procedure's).
    query, progress = in_service(ServiceId.QUERY), in_service(ServiceId.PROGRESS)
    eligibility, enrollment = in_service(ServiceId.ELIGIBILITY), in_service(ServiceId.ENROLLMENT)
    payment, certificates = in_service(ServiceId.PAYMENT), in_service(ServiceId.CERTIFICATES)
    card_menu = in_service(ServiceId.CARD)
    new_card = in_service(ServiceId.CARD, CardService.NEW_CARD)
    replacement = in_service(ServiceId.CARD, CardService.REPLACEMENT)
    loss_by_face = in_service(ServiceId.CARD, CardService.REPORT_LOSS)
    loss_by_mobile = in_service(ServiceId.CARD, CardService.REPORT_LOSS_BY_MOBILE)
    activation = in_service(ServiceId.CARD, CardService.ACTIVATE)
    pin_reset = in_service(ServiceId.CARD, CardService.RESET_PIN)

    return [
        ("01-attract", Attract(), None),
        ("02-home", Home(), None),
        ("03-insert-card", query(0, InsertCard()), None),
        ("04-reading-card", query(0, Working(Activity.READING_CARD)), None),
        ("05-pin", query(1, EnterPin(masked_name="张*")), None),
        ("06-pin-wrong", query(2, EnterPin(masked_name="张*", tries_left=2)), None),
        ("07-results-status", query(3, employee), section(0)),
        ("08-results-contributions", query(3, employee), section(1)),
        ("09-results-months", query(3, employee), open_year),
        ("10-results-account", query(3, employee), section(2)),
        ("11-results-benefits", query(3, pensioner), section(3)),
        ("12-take-card", query(0, TakeCard()), None),
        ("13-error-lost-card", Failed("card.reported_lost", ServiceId.QUERY), None),
        ("14-error-pin-blocked", Failed("card.pin_blocked", ServiceId.QUERY), None),
        ("15-error-central-down", Failed("central.unavailable", ServiceId.QUERY), None),
        ("16-idle-warning", query(3, employee), idle),
        ("17-loss-id-number", loss_by_mobile(1, EnterIdNumber()), typed("11010519520")),
        (
            "18-loss-mobile-wrong",
            loss_by_mobile(2, EnterMobile()),
            typed("23800000006", EnterMobile(invalid=True)),
        ),
        (
            "19-loss-confirm-offline",
            loss_by_mobile(3, ConfirmLossReport("4201**********0065", "138****0006", offline=True)),
            None,
        ),
        ("20-loss-reported", loss_by_mobile(4, LossReported(receipt, "D*****006", now)), None),
        (
            "21-queued-receipt",
            loss_by_mobile(5, QueuedReceipt(receipt, "card_loss_report", now, urgent=True)),
            None,
        ),
        ("22-receipt-number", progress(6, EnterReceiptNumber(invalid=True)), None),
        (
            "23-receipt-rejected",
            progress(
                7,
                ReceiptStatus(
                    receipt,
                    "card_loss_report",
                    ReceiptState.REJECTED,
                    "loss_report.proof_mismatch",
                    now,
                ),
            ),
            None,
        ),
        (
            "24-receipt-waiting",
            progress(8, ReceiptStatus(receipt, "card_loss_report", ReceiptState.QUEUED, None, now)),
            None,
        ),
        (
            "26-eligibility-due",
            eligibility(9, EligibilityDue("王**", True, date(2025, 10, 2))),
            None,
        ),
        (
            "27-face-blink",
            eligibility(10, FaceGuidance(FaceAction.BLINK, None, 0, 2, 1)),
            live,
        ),
        (
            "28-face-too-far",
            eligibility(11, FaceGuidance(FaceAction.TURN_LEFT, QualityIssue.TOO_FAR, 1, 2, 2)),
            live,
        ),
        ("29-face-retry", eligibility(12, FaceRetry(2, "liveness.timeout")), None),
        (
            "30-eligibility-passed",
            eligibility(13, EligibilityResult(receipt, True, False, date(2027, 11, 23), None)),
            None,
        ),
        (
            "31-eligibility-review",
            eligibility(14, EligibilityResult(receipt, False, True, None, "eligibility.low_score")),
            None,
        ),
        (
            "32-certificate-choose",
            certificates(15, ChooseCertificate(tuple(CertificateKind))),
            None,
        ),
        (
            "33-certificate-preview",
            certificates(
                16,
                CertificatePreview(CertificateKind.CONTRIBUTION, page, issued.verification_code),
            ),
            None,
        ),
        (
            "34-certificate-printed",
            certificates(17, CertificatePrinted(issued.verification_code)),
            None,
        ),
        ("35-enrol-place-id-card", enrollment(18, PlaceIdCard()), None),
        ("36-enrol-mobile", enrollment(19, EnterContactMobile("陈*")), None),
        (
            "37-enrol-choose",
            enrollment(20, ChooseInsurances(RESIDENT_INSURANCES)),
            None,
        ),
        (
            "38-enrol-confirm",
            enrollment(
                21,
                ConfirmEnrollment(
                    "陈*",
                    "3201**********0046",
                    "female",
                    "汉",
                    "江苏省南京市玄武区****",
                    "138****0004",
                    RESIDENT_INSURANCES,
                    offline=True,
                ),
            ),
            None,
        ),
        (
            "39-enrol-done",
            enrollment(22, EnrollmentDone(receipt, RESIDENT_INSURANCES, date(2026, 11, 23))),
            None,
        ),
        ("40-pay-choose", payment(23, ChoosePayable("赵*", payables)), None),
        ("41-pay-choose-grade", payment(24, ChoosePayable("赵*", payables)), pick_first),
        ("42-pay-nothing", payment(25, NothingToPay()), None),
        (
            "43-pay-method",
            payment(26, ChoosePaymentMethod("resident_pension", 2024, 50_000)),
            None,
        ),
        (
            "44-pay-qr",
            payment(27, PayByQr(f"sheyinpay:{uuid.uuid4()}:50000", 50_000, expires)),
            None,
        ),
        ("45-pay-bank-pin", payment(28, EnterBankPin(tuple(range(10)), 50_000, 2)), None),
        ("46-pay-pin-pad", payment(29, BankPinOnPad(4, 50_000)), None),
        (
            "47-pay-done",
            payment(30, PaymentDone("resident_pension", 2024, 50_000, receipt, False, True)),
            None,
        ),
        (
            "48-pay-done-queued",
            payment(31, PaymentDone("resident_pension", 2024, 50_000, receipt, True, False)),
            None,
        ),
        ("49-pay-expired", Failed("order.expired", ServiceId.PAYMENT), None),
        (
            "50-card-menu",
            card_menu(32, ChooseCardService(ISSUER_MENU, issuing=True)),
            None,
        ),
        (
            "51-card-menu-out-of-cards",
            card_menu(33, ChooseCardService(ISSUER_MENU, issuing=False)),
            None,
        ),
        ("52-card-replacement-reason", replacement(34, ChooseReplacementReason()), None),
        ("53-card-new-pin", new_card(35, SetNewPin()), None),
        ("54-card-new-pin-mismatch", new_card(36, SetNewPin(mismatch=True)), None),
        ("55-card-issuing", new_card(37, IssuingCard(IssuanceStage.PRINTING, 2, 4)), None),
        (
            "56-card-ready",
            new_card(38, CardReady("E*****001", receipt, 22.8, "D*****005", True)),
            None,
        ),
        (
            "57-card-loss-confirm",
            loss_by_face(39, ConfirmCardLoss("张*", "4403**********0039", offline=True)),
            None,
        ),
        ("58-card-activated", activation(40, CardActivated("D*****010", receipt)), None),
        ("59-card-pin-reset", pin_reset(41, PinChanged(reset=True)), None),
        ("60-card-jammed", Failed("issuer.jammed", ServiceId.CARD), None),
        (
            "61-eligibility-not-passed",
            eligibility(
                42, EligibilityResult(receipt, False, False, None, "eligibility.face_mismatch")
            ),
            None,
        ),
        # 求助 pressed on the PIN screen: the notice over it (the citizen keeps their place), and
        # pressed again soon after on an error screen.
        (
            "62-help-coming",
            query(43, EnterPin(masked_name="张*")),
            lambda s: s.show_help_notice(already_called=False),
        ),
        (
            "63-help-already-called",
            Failed("card.pin_blocked"),
            lambda s: s.show_help_notice(already_called=True),
        ),
        (
            "64-help-offline",
            Failed("central.unavailable"),
            lambda s: s.show_help_notice(already_called=False, offline=True),
        ),
        # Where no card is made (a staff laptop): applied for, made at the branch, followed.
        (
            "81-card-menu-no-issuer",
            card_menu(44, ChooseCardService(NO_ISSUER_MENU, issuing=False)),
            None,
        ),
        ("82-card-delivery-which-card", delivered(45, ChooseReplacementReason(True)), None),
        ("83-card-delivery-how", delivered(46, ChooseCardDelivery()), None),
        (
            "84-card-delivery-confirm",
            delivered(
                47,
                ConfirmCardApplication(
                    "王**",
                    "4403**********0039",
                    CardApplicationReason.REPLACEMENT_DAMAGED,
                    CardDelivery.STAFF_VISIT,
                    offline=True,
                ),
            ),
            None,
        ),
        (
            "85-card-delivery-applied",
            delivered(
                48, CardApplied(receipt, CardApplicationReason.NEW, CardDelivery.BRANCH_PICKUP)
            ),
            None,
        ),
        (
            "86-card-delivery-queued",
            delivered(49, QueuedReceipt(receipt, "card_delivery_application", now)),
            None,
        ),
        (
            "87-receipt-card-being-made",
            progress(
                50,
                ReceiptStatus(
                    receipt,
                    "card_delivery_application",
                    ReceiptState.DELIVERED,
                    None,
                    now,
                    CardDeliveryStage.IN_PRODUCTION,
                ),
            ),
            None,
        ),
        # Certificates without a printer: issued, collected where the bank's settings say.
        (
            "88-certificate-choose-to-collect",
            certificates(51, ChooseCertificate(tuple(CertificateKind), COLLECTION_POINT)),
            None,
        ),
        (
            "89-certificate-to-collect",
            certificates(
                52,
                CertificateToCollect(
                    CertificateKind.CONTRIBUTION, issued.verification_code, COLLECTION_POINT
                ),
            ),
            None,
        ),
        ("67-technician-login", AtLogin(), None),
        ("68-technician-refused", AtLogin("technician.refused"), None),
        ("69-technician-desk", AtDesk("T0007"), receipt_paper_out),
        ("70-technician-network-queue", AtLine("T0007", sample_line_report()), None),
        (
            "71-technician-card-reader",
            AtDevice("T0007", DeviceClass.CARD_READER),
            tested(DeviceClass.CARD_READER, DeviceCheck.READ_CARD),
        ),
        (
            "72-technician-receipt-paper-out",
            AtDevice("T0007", DeviceClass.RECEIPT_PRINTER),
            checked(CheckResult(DeviceCheck.TEST_RECEIPT, False, "receipt_printer.paper_out")),
        ),
        (
            "73-technician-card-issuer",
            AtDevice("T0007", DeviceClass.CARD_ISSUER),
            tested(DeviceClass.CARD_ISSUER, DeviceCheck.FEED_AND_RETAIN),
        ),
        ("74-technician-camera", AtCamera("T0007"), camera_running),
        ("75-technician-logs", AtLogs("T0007"), None),
        ("25-home-offline", Home(), offline),
        # Last: a device down stays down until the next pass.
        ("65-home-printer-down", Home(), devices_down(shell, printer=DeviceStatus.USER_ERROR)),
        (
            "66-out-of-service",
            Attract(),
            devices_down(
                shell, card_reader=DeviceStatus.NO_DEVICE, idcard_reader=DeviceStatus.OFFLINE
            ),
        ),
        # A start after a crash loop, shown in the window (a laptop's or a technician's; a
        # kiosk shows the same words on its first screen, with nothing of it built).
        ("77-out-of-service-restarting", Attract(), backing_off),
        # The operations centre's `out-of-service` command (kiosk.fleet).
        ("78-out-of-service-closed-remotely", Attract(), closed_remotely),
        # A technician asked for the kiosk from the console during this citizen's session.
        ("76-maintenance-warning", query(43, EnterPin(masked_name="张*")), maintenance_warning),
    ]


_PATCHES: list[Any] = []
"""The device statuses patched in for the scenes; stopped before each pass."""


def sample_line_report() -> LineReport:
    """As a kiosk with one refused loss report waiting for a technician would show it."""
    refused = EntrySummary(
        id=uuid.UUID("6f1c2a8e-2d4b-4c1e-9a57-0b1d2e3f4a5b"),
        kind="card_loss_report",
        receipt="3018264519073841",
        state=EntryState.DEAD,
        priority=0,
        attempts=1,
        created_at=datetime.now(UTC),
        finished_at=datetime.now(UTC),
        last_error="loss_report.proof_mismatch",
    )
    counts = dict.fromkeys(EntryState, 0) | {EntryState.DELIVERED: 12, EntryState.DEAD: 1}
    expires = datetime.now(UTC) + timedelta(days=84)
    return LineReport(True, None, 38.0, 0.2, expires, None, counts, None, (refused,))


def receipt_paper_out(shell: Shell) -> None:
    """The desk as the monitor would show it with the receipt roll run out (the scenes after
    it, the receipt printer's own screen among them, show the same)."""
    manager = shell.kiosk.device_manager
    read = manager.details
    paper = {DeviceClass.PRINTER, DeviceClass.RECEIPT_PRINTER}

    def shown() -> dict[DeviceClass, DeviceDetail | None]:
        details: dict[DeviceClass, DeviceDetail | None] = {}
        for device, detail in read().items():
            media = "ok" if device in paper else (detail.media if detail else None)
            details[device] = (
                None if detail is None else replace(detail, status=DeviceStatus.ONLINE, media=media)
            )
        receipts = details[DeviceClass.RECEIPT_PRINTER]
        assert receipts is not None
        fault = Fault("receipt_printer.paper_out", datetime.now(UTC) - timedelta(minutes=4))
        details[DeviceClass.RECEIPT_PRINTER] = replace(
            receipts,
            status=DeviceStatus.USER_ERROR,
            media="out",
            counts=DeviceCounts((("slips_printed", 212),), 1, fault),
        )
        return details

    patched = patch.object(manager, "details", side_effect=shown)
    patched.start()
    _PATCHES.append(patched)
    shell.technician._show_figures()


def tested(device: DeviceClass, check: DeviceCheck) -> Callable[[Shell], None]:
    """The check run for real (the card reader's on the due pensioner's card from the demo
    tray), its result and the counters after it on screen."""

    def run(shell: Shell) -> None:
        kiosk = shell.kiosk
        tray = kiosk.demo_tray if isinstance(kiosk, DemoKiosk) else None
        if tray is not None and device is DeviceClass.CARD_READER:
            tray.insert("pensioner-due")
        try:
            result = kiosk.device_checks().run(device, check, "technician:T0007")
        finally:
            if tray is not None and device is DeviceClass.CARD_READER:
                tray.remove()
        screen = shell.technician.device_screen
        assert screen is not None
        screen.show_result(result)
        shell.technician._show_figures()

    return run


def checked(result: CheckResult) -> Callable[[Shell], None]:
    def show(shell: Shell) -> None:
        screen = shell.technician.device_screen
        assert screen is not None
        screen.show_result(result)

    return show


def camera_running(shell: Shell) -> None:
    """The preview once the camera shows a face and the verdict is in."""
    screen = shell.technician.camera_screen
    assert screen is not None
    deadline = time.monotonic() + 15
    while not screen.result.text() and time.monotonic() < deadline:
        QTest.qWait(50)


def maintenance_warning(shell: Shell) -> None:
    warning = MaintenanceWarning(shell.kiosk.settings.technician.session_grace_s, shell._root)
    shell.maintenance = warning
    warning.start()
    warning._timer.stop()  # held at the full time for the picture; gone with the next pass


def backing_off(shell: Shell) -> None:
    shell.kiosk.backoff = Backoff(seconds=60, crashes=3, level=0)
    shell.show_state(Attract())  # drawn again, as the start would have drawn it


def closed_remotely(shell: Shell) -> None:
    shell.kiosk.backoff = None  # the scene before it was a back-off
    close_remotely(_closure_file(shell), "screenshot")
    shell.show_state(Attract())


def _closure_file(shell: Shell) -> Path:
    return closure_path(private_data_dir(shell.kiosk.settings))


def all_devices_working(shell: Shell) -> None:
    """Every pass starts with no device down, whatever the device monitor last saw, no
    back-off, no closure by the operations centre and no maintenance warning over the
    screen."""
    shell.kiosk.backoff = None
    reopen_remotely(_closure_file(shell))
    shell._close_maintenance_warning()
    while _PATCHES:
        _PATCHES.pop().stop()
    manager = shell.kiosk.device_manager
    online = {c: DeviceStatus.ONLINE for c, device in manager.devices.items() if device}
    working = patch.object(manager, "last_status", return_value=online)
    working.start()
    _PATCHES.append(working)


def devices_down(shell: Shell, **down: DeviceStatus) -> Callable[[Shell], None]:
    """As the device monitor would report it; online again after the offline scene."""

    def apply(s: Shell) -> None:
        s.kiosk.outbound.queue.monitor.report(True)
        statuses = {DeviceClass(name): status for name, status in down.items()}
        broken = patch.object(s.kiosk.device_manager, "last_status", return_value=statuses)
        broken.start()
        _PATCHES.append(broken)
        s._on_devices_changed()
        settle(QApplication.instance())  # type: ignore[arg-type]

    return apply


def main(out_dir: str) -> int:
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    # Rendering 240 scenes must not read each prompt aloud (ui.voice).
    os.environ.setdefault("KIOSK_VOICE_OUTPUT", "none")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    logging.getLogger().setLevel(logging.INFO)  # the terminal's: the log screen shows INFO
    with tempfile.TemporaryDirectory() as tmp:
        sandbox = start_sandbox_process(Path(tmp) / "sandbox.sqlite3")
        try:
            settings = load_settings(environ={"SHEYIN_PATHS_DATA_DIR": str(Path(tmp) / "data")})
            kiosk = build_demo_kiosk(settings, sandbox.url)
            shell = create_shell(kiosk, tray_panel(kiosk))
            shell.resize(*SIZE)
            shell.show()
            count = 0
            overflowing: list[str] = []
            for language in (Language.ZH_CN, Language.EN):
                if shell.language is not language:
                    shell.switch_language()
                for elder in (False, True):
                    if shell.elder is not elder:
                        shell.switch_elder_mode()
                    suffix = f"{language.value}{'-elder' if elder else ''}"
                    for name, state, then in scenes(shell):
                        shell.resize(*SIZE)
                        shell.show_state(state)
                        settle(app)
                        if then is not None:
                            then(shell)
                            settle(app)
                        picture = shell.grab()
                        # Full colour, as on the glass; PNG quality 0 is its strongest compression.
                        picture.save(str(out / f"{name}-{suffix}.png"), "PNG", 0)
                        count += 1
                        needed = shell.minimumSizeHint()
                        if needed.width() > SIZE[0] or needed.height() > SIZE[1]:
                            parts = ", ".join(
                                f"{type(w).__name__} {w.minimumSizeHint().toTuple()}"
                                for w in (shell.top_bar, shell.screen_widget, shell.bottom_widget)
                                if w is not None
                            )
                            overflowing.append(
                                f"{name}-{suffix}: needs {needed.toTuple()}: {parts}"
                            )
            shell.shut_down()
            kiosk.close()
            count += render_laptop(out, sandbox.url, overflowing)
        finally:
            sandbox.stop()
    print(f"{count} screenshots in {out}")
    for problem in overflowing:
        print(f"does not fit {SIZE}: {problem}", file=sys.stderr)
    return 1 if overflowing else 0


def render_laptop(out: Path, central_url: str, overflowing: list[str]) -> int:
    """The staff laptop's screens, scaled as a laptop shows them: in a process of its own
    (scripts/staff_screenshots.py), since Qt's scale is set once per process."""
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "scripts.staff_screenshots", str(out), central_url],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    overflowing += [line for line in done.stderr.splitlines() if line.startswith("does not fit")]
    if done.returncode not in (0, 1):
        overflowing.append(f"the staff laptop's screens failed: {done.stderr[-2000:]}")
    counted = [line for line in done.stdout.splitlines() if line.endswith(f"screenshots in {out}")]
    return int(counted[-1].split()[0]) if counted else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "docs/screenshots"))
