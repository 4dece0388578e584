"""The kiosk window: navigation between attract, home and the flows, idle warning and reset.

The shell only renders state. Flows run on their session's thread; their steps arrive here as
queued signals. Every personal datum on screen belongs to the current screen widget, which is
destroyed when the session ends.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QMainWindow, QVBoxLayout, QWidget

from kiosk.app import Kiosk
from kiosk.services.cards.steps import (
    CardActivated,
    CardReady,
    ChooseCardService,
    ChooseReplacementReason,
    ConfirmCardLoss,
    ConfirmLossReport,
    EnterIdNumber,
    EnterMobile,
    IssuingCard,
    LossReported,
    PinChanged,
    SetNewPin,
)
from kiosk.services.certificates.steps import (
    CertificatePreview,
    CertificatePrinted,
    ChooseCertificate,
)
from kiosk.services.eligibility.steps import EligibilityDue, EligibilityResult
from kiosk.services.enrollment.steps import (
    ChooseInsurances,
    ConfirmEnrollment,
    EnrollmentDone,
    EnterContactMobile,
)
from kiosk.services.errors import EndReason
from kiosk.services.payment.steps import (
    BankPinOnPad,
    ChoosePayable,
    ChoosePaymentMethod,
    EnterBankPin,
    NothingToPay,
    PayByQr,
    PaymentDone,
)
from kiosk.services.progress.steps import EnterReceiptNumber, ReceiptStatus
from kiosk.services.query.steps import QueryResults
from kiosk.services.runner import SessionBusy
from kiosk.services.session import Back, Outcome, ServiceId, Session
from kiosk.services.steps import (
    Activity,
    Confirmation,
    EnterPin,
    FaceGuidance,
    FaceRetry,
    InsertCard,
    Navigation,
    PlaceIdCard,
    QueuedReceipt,
    Step,
    TakeCard,
    Working,
)
from ui.bridge import QtUiPort
from ui.i18n import Language, Translations, tr
from ui.screens.attract import AttractScreen
from ui.screens.base import Screen
from ui.screens.card import (
    CardActivatedScreen,
    CardReadyScreen,
    ChooseCardServiceScreen,
    ChooseReplacementReasonScreen,
    ConfirmCardLossScreen,
    IssuingCardScreen,
    PinChangedScreen,
    SetNewPinScreen,
    card_steps,
)
from ui.screens.card_loss import (
    ConfirmLossScreen,
    IdNumberScreen,
    LossReportedScreen,
    MobileScreen,
)
from ui.screens.certificates import (
    CertificatePreviewScreen,
    CertificatePrintedScreen,
    ChooseCertificateScreen,
    certificate_steps,
)
from ui.screens.eligibility import (
    EligibilityDueScreen,
    EligibilityResultScreen,
    FaceRetryScreen,
    FaceScreen,
    eligibility_steps,
)
from ui.screens.enrollment import (
    ChooseInsurancesScreen,
    ConfirmEnrollmentScreen,
    ContactMobileScreen,
    EnrollmentDoneScreen,
    PlaceIdCardScreen,
    enrollment_steps,
)
from ui.screens.home import HomeScreen
from ui.screens.identify import InsertCardScreen, PinScreen, TakeCardScreen, WorkingScreen
from ui.screens.outcome import ErrorScreen
from ui.screens.payment import (
    BankPinOnPadScreen,
    BankPinScreen,
    ChoosePayableScreen,
    ChoosePaymentMethodScreen,
    NothingToPayScreen,
    PayByQrScreen,
    PaymentDoneScreen,
    payment_steps,
)
from ui.screens.query import QueryResultsScreen, query_steps
from ui.screens.receipts import (
    QueuedReceiptScreen,
    ReceiptNumberScreen,
    ReceiptStatusScreen,
    progress_steps,
)
from ui.theme import Theme
from ui.voice import VoicePrompter
from ui.widgets.bars import QueueIndicator, TopBar
from ui.widgets.idle import IdleWarning

if TYPE_CHECKING:  # OpenCV and NumPy load with the first face check, not with the window
    from devices.camera.camera import Frame

log = logging.getLogger(__name__)

ACTIVITY_STEP = {
    Activity.READING_CARD: 0,
    Activity.CHECKING_CARD: 0,
    Activity.VERIFYING_PIN: 1,
    Activity.FETCHING_RECORDS: 2,
    Activity.SUBMITTING: 2,
    Activity.CHECKING_PROGRESS: 1,
    Activity.CHECKING_ELIGIBILITY: 2,
    Activity.PREPARING_CAMERA: 2,
    Activity.ISSUING_CERTIFICATE: 3,
    Activity.PRINTING: 4,
    Activity.READING_ID_CARD: 0,
    Activity.CHECKING_ENROLLMENT: 0,
    Activity.FETCHING_PAYABLES: 2,
    Activity.CREATING_ORDER: 3,
    Activity.READING_BANK_CARD: 3,
    Activity.DEBITING: 3,
    Activity.CONFIRMING_PAYMENT: 3,
    Activity.CANCELLING_ORDER: 3,
    Activity.APPLYING_FOR_CARD: 3,
    Activity.RETAINING_CARD: 4,
    Activity.CHANGING_PIN: 3,
    Activity.ACTIVATING_CARD: 4,
}
STEP_NAMES: dict[ServiceId, Callable[[], list[str]]] = {
    ServiceId.QUERY: query_steps,
    ServiceId.CARD: card_steps,
    ServiceId.PROGRESS: progress_steps,
    ServiceId.ELIGIBILITY: eligibility_steps,
    ServiceId.CERTIFICATES: certificate_steps,
    ServiceId.ENROLLMENT: enrollment_steps,
    ServiceId.PAYMENT: payment_steps,
}
SERVICE_ACTIVITY_STEP: dict[ServiceId, dict[Activity, int]] = {
    # The card services' own step bar (ui.screens.card.card_steps).
    ServiceId.CARD: {
        Activity.READING_CARD: 1,
        Activity.CHECKING_CARD: 1,
        Activity.VERIFYING_PIN: 1,
        Activity.READING_ID_CARD: 1,
        Activity.PREPARING_CAMERA: 2,
        Activity.APPLYING_FOR_CARD: 3,
        Activity.SUBMITTING: 4,
        Activity.RETAINING_CARD: 4,
        Activity.ACTIVATING_CARD: 4,
        Activity.CHANGING_PIN: 4,
    },
}
OPERATION_SERVICE = {
    "card_loss_report": ServiceId.CARD,
    "eligibility_authentication": ServiceId.ELIGIBILITY,
    "enrollment": ServiceId.ENROLLMENT,
    "payment_confirmation": ServiceId.PAYMENT,
    "card_activation": ServiceId.CARD,
    "card_issuance_outcome": ServiceId.CARD,
}
MS_PER_IDLE_SECOND = 1000
"""Tests shorten this to run the idle path in milliseconds."""
USER_INPUT_EVENTS = frozenset(
    {QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress}
)


@dataclass(frozen=True)
class Attract:
    pass


@dataclass(frozen=True)
class Home:
    pass


@dataclass(frozen=True)
class InFlow:
    token: int
    step: Step


@dataclass(frozen=True)
class Failed:
    code: str


ShellState = Attract | Home | InFlow | Failed
BottomPanel = Callable[["Shell"], QWidget]
"""A strip under every screen, built anew with each screen (the demo's card tray plugs in here)."""


class Shell(QMainWindow):
    connectivity_changed = Signal(bool)

    def __init__(
        self,
        kiosk: Kiosk,
        translations: Translations,
        voice: VoicePrompter | None = None,
        bottom_panel: BottomPanel | None = None,
    ) -> None:
        super().__init__()
        self._bottom_panel = bottom_panel
        self.setWindowTitle("Sheyin")
        self.kiosk = kiosk
        self._settings = kiosk.settings.kiosk
        self._translations = translations
        self.voice = voice or VoicePrompter(self._settings.voice_command, self)
        self.elder = self._settings.elder_mode
        self._port = QtUiPort(self)
        self._port.stepped.connect(self._on_step, Qt.ConnectionType.QueuedConnection)
        self._port.finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)
        self.runner = kiosk.runner(self._port)
        self.session: Session | None = None
        self.state: ShellState = Attract()
        self.screen_widget: Screen | None = None
        self.idle_warning: IdleWarning | None = None

        root = QWidget(self)
        root.setObjectName("Shell")
        self._root_layout = QVBoxLayout(root)
        self._root_layout.setContentsMargins(0, 0, 0, 0)
        self._root_layout.setSpacing(0)
        self.setCentralWidget(root)
        self.top_bar: TopBar | None = None
        self.bottom_widget: QWidget | None = None
        self._theme: Theme | None = None

        self.connectivity_changed.connect(self._on_connectivity, Qt.ConnectionType.QueuedConnection)
        self._stop_connectivity = kiosk.add_connectivity_listener(self.connectivity_changed.emit)
        self._closed = False

        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(self._settings.idle_timeout_s * MS_PER_IDLE_SECOND)
        self._idle_timer.timeout.connect(self._idle)
        app = QApplication.instance()
        assert app is not None
        app.installEventFilter(self)
        self._render(speak=True)

    # --- window ---

    def show_for_role(self) -> None:
        if self._settings.windowed:
            self.resize(1280, 800)
            self.show()
            return
        # Without a window manager showFullScreen() alone leaves a small window.
        self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()

    def closeEvent(self, event: QCloseEvent) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self._closed = True
        self._stop_connectivity()
        self._end_session(EndReason.SHUTDOWN)
        self._translations.uninstall()
        super().closeEvent(event)

    # --- language and elder mode ---

    @property
    def language(self) -> Language:
        return self._translations.language

    def switch_language(self) -> None:
        other = Language.EN if self.language is Language.ZH_CN else Language.ZH_CN
        self._translations.install(other)
        self._render(speak=True)

    def switch_elder_mode(self) -> None:
        self.elder = not self.elder
        self._render(speak=False)

    # --- navigation ---

    def go_home(self) -> None:
        self._end_session(EndReason.CANCELLED)
        self.show_state(Home())

    def reset_to_attract(self, reason: EndReason = EndReason.IDLE) -> None:
        """Ends the session and removes every trace of the citizen from the screen, their
        choice of language and text size included: the next citizen starts afresh."""
        self._end_session(reason)
        self._restore_defaults()
        self.show_state(Attract())

    def _restore_defaults(self) -> None:
        default_language = Language(self._settings.language)
        if self.language is not default_language:
            self._translations.install(default_language)
        self.elder = self._settings.elder_mode

    def start_service(self, service: ServiceId) -> None:
        if not self.runner.available(service):
            return
        try:
            self.session = self.runner.start(service)
        except SessionBusy:
            log.warning("session.busy: a session is still running")
            return

    def _end_session(self, reason: EndReason) -> None:
        if self.session is not None:
            self.session.end(reason)
            self.session = None

    def _answer(self, token: int, value: object) -> None:
        if self.session is not None:
            self.session.answer(token, value)

    def _on_step(self, session_id: uuid.UUID, token: int, step: Step) -> None:
        if self.session is None or self.session.id != session_id:
            return  # a step from a session that has already been ended here
        screen = self.screen_widget
        if isinstance(step, FaceGuidance) and isinstance(screen, FaceScreen):
            # The camera keeps running: only the words change, not the picture.
            self.state = InFlow(token, step)
            if screen.show_guidance(step):
                self.voice.say(screen.voice)
            return
        if isinstance(step, IssuingCard) and isinstance(screen, IssuingCardScreen):
            self.state = InFlow(token, step)
            screen.update_step(step)
            return
        if (
            isinstance(step, BankPinOnPad)
            and isinstance(screen, BankPinOnPadScreen)
            and screen.update_step(step)
        ):
            self.state = InFlow(token, step)  # one more dot; nothing to say again
            return
        self.show_state(InFlow(token, step))

    def _on_finished(self, session_id: uuid.UUID, outcome: Outcome) -> None:
        if self.session is None or self.session.id != session_id:
            return
        self.session = None
        if outcome.error_code:
            self.show_state(Failed(outcome.error_code))
        elif outcome.reason in (EndReason.CARD_REMOVED, EndReason.IDLE):
            self._restore_defaults()
            self.show_state(Attract())
        else:
            self.show_state(Home())

    def _on_connectivity(self, online: bool) -> None:
        if self._closed:
            return  # queued before the window closed
        if self.top_bar is not None and self.top_bar.indicator is not None:
            self.top_bar.indicator.refresh()
        # Only the home screen changes: a citizen halfway through a service is not disturbed.
        if isinstance(self.state, Home):
            self._render(speak=False)

    def show_state(self, state: ShellState) -> None:
        self.state = state
        self._render(speak=True)

    # --- idle ---

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in USER_INPUT_EVENTS and self.idle_warning is None:
            self.restart_idle_timer()
        return False

    def restart_idle_timer(self) -> None:
        if isinstance(self.state, Attract):
            self._idle_timer.stop()
        else:
            self._idle_timer.start()

    def _idle(self) -> None:
        if isinstance(self.state, Attract) or self.idle_warning is not None:
            return
        warning = IdleWarning(self._settings.idle_warning_s, self.centralWidget())
        warning.kept.connect(self._keep_session)
        warning.expired.connect(lambda: self.reset_to_attract(EndReason.IDLE))
        warning.ended.connect(lambda: self.reset_to_attract(EndReason.CANCELLED))
        self.idle_warning = warning
        warning.start()
        self.voice.say(tr("Are you still there?"))

    def _keep_session(self) -> None:
        self._close_idle_warning()
        self.restart_idle_timer()

    def _close_idle_warning(self) -> None:
        if self.idle_warning is not None:
            self.idle_warning.hide()
            self.idle_warning.deleteLater()
            self.idle_warning = None

    # --- rendering ---

    def _render(self, speak: bool) -> None:
        self._close_idle_warning()
        theme = Theme(self.elder)
        if theme != self._theme:
            # Re-polishes every widget: only when the look really changes, not on every screen.
            self.setStyleSheet(theme.stylesheet())
            self._theme = theme
        for old in (self.top_bar, self.screen_widget, self.bottom_widget):
            if old is not None:
                self._root_layout.removeWidget(old)
                old.hide()
                old.deleteLater()
        self.top_bar = TopBar(self.language, self.elder, self, self._queue_indicator())
        self.top_bar.language_switched.connect(self.switch_language)
        self.top_bar.elder_switched.connect(self.switch_elder_mode)
        self.screen_widget = self._screen_for(self.state)
        self._root_layout.addWidget(self.top_bar)
        self._root_layout.addWidget(self.screen_widget, stretch=1)
        self.bottom_widget = self._bottom_panel(self) if self._bottom_panel else None
        if self.bottom_widget is not None:
            self._root_layout.addWidget(self.bottom_widget)
        # Shown now rather than on the next event-loop turn, so a tap never meets a blank frame.
        for widget in (self.top_bar, self.screen_widget, self.bottom_widget):
            if widget is not None:
                widget.show()
        self.restart_idle_timer()
        if speak:
            self.voice.say(self.screen_widget.voice)

    def _queue_indicator(self) -> QueueIndicator | None:
        """Staff and technicians see the line and the queue; citizens do not."""
        if self._settings.role == "kiosk":
            return None

        def waiting() -> int | None:
            queue = self.kiosk.queue
            return queue.outbox.open_count() if queue is not None else None

        return QueueIndicator(lambda: self.kiosk.online, waiting)

    def _screen_for(self, state: ShellState) -> Screen:
        if isinstance(state, Attract):
            return AttractScreen(lambda: self.show_state(Home()))
        if isinstance(state, Home):
            return HomeScreen(
                self.kiosk.services,
                self.runner.available,
                self.start_service,
                offline=self.kiosk.online is False,
            )
        if isinstance(state, Failed):
            return ErrorScreen(state.code, self.go_home)
        return self._flow_screen(state.token, state.step)

    def _steps(self, step: Step) -> list[str]:
        service = self.session.service if self.session is not None else ServiceId.QUERY
        if isinstance(step, QueuedReceipt):
            service = OPERATION_SERVICE.get(step.operation, service)
        return STEP_NAMES.get(service, query_steps)()

    def _activity_step(self, activity: Activity) -> int:
        own = SERVICE_ACTIVITY_STEP.get(self.session.service, {}) if self.session else {}
        return own.get(activity, ACTIVITY_STEP[activity])

    def _flow_screen(self, token: int, step: Step) -> Screen:
        steps = self._steps(step)

        def answer(value: object) -> Callable[[], None]:
            return lambda: self._answer(token, value)

        def answer_with(value: object) -> None:
            self._answer(token, value)

        back, done, home = answer(Back.BACK), answer(Navigation.DONE), self.go_home
        confirm = answer(Confirmation.CONFIRM)
        shown: Any = step  # each builder below is picked by the step's exact type
        builders: dict[type, Callable[[], Screen]] = {
            InsertCard: lambda: InsertCardScreen(steps, home),
            Working: lambda: WorkingScreen(steps, self._activity_step(shown.activity), shown, home),
            EnterPin: lambda: PinScreen(steps, shown, answer_with, back, home),
            QueryResults: lambda: QueryResultsScreen(
                shown, on_done=done, on_back=back, on_exit=home
            ),
            TakeCard: lambda: TakeCardScreen(steps, home),
            EnterIdNumber: lambda: IdNumberScreen(shown, answer_with, back, home),
            EnterMobile: lambda: MobileScreen(shown, answer_with, back, home),
            ConfirmLossReport: lambda: ConfirmLossScreen(shown, confirm, back, home),
            LossReported: lambda: LossReportedScreen(shown, done, home),
            QueuedReceipt: lambda: QueuedReceiptScreen(steps, shown, done, home),
            EnterReceiptNumber: lambda: ReceiptNumberScreen(shown, answer_with, back, home),
            ReceiptStatus: lambda: ReceiptStatusScreen(shown, done, home),
            EligibilityDue: lambda: EligibilityDueScreen(shown, confirm, back, home),
            FaceGuidance: lambda: FaceScreen(shown, self._camera_frames(), home, steps),
            FaceRetry: lambda: FaceRetryScreen(shown, confirm, back, home),
            EligibilityResult: lambda: EligibilityResultScreen(shown, done, home),
            ChooseCertificate: lambda: ChooseCertificateScreen(shown, answer_with, back, home),
            CertificatePreview: lambda: CertificatePreviewScreen(shown, confirm, back, home),
            CertificatePrinted: lambda: CertificatePrintedScreen(shown, done, home),
            PlaceIdCard: lambda: PlaceIdCardScreen(home, steps),
            EnterContactMobile: lambda: ContactMobileScreen(shown, answer_with, back, home),
            ChooseInsurances: lambda: ChooseInsurancesScreen(shown, answer_with, back, home),
            ConfirmEnrollment: lambda: ConfirmEnrollmentScreen(shown, confirm, back, home),
            EnrollmentDone: lambda: EnrollmentDoneScreen(shown, done, home),
            ChoosePayable: lambda: ChoosePayableScreen(shown, answer_with, back, home),
            NothingToPay: lambda: NothingToPayScreen(shown, done, home),
            ChoosePaymentMethod: lambda: ChoosePaymentMethodScreen(shown, answer_with, back, home),
            PayByQr: lambda: PayByQrScreen(shown, back, home),
            EnterBankPin: lambda: BankPinScreen(shown, answer_with, back, home),
            BankPinOnPad: lambda: BankPinOnPadScreen(shown, home),
            PaymentDone: lambda: PaymentDoneScreen(shown, done, home),
            ChooseCardService: lambda: ChooseCardServiceScreen(shown, answer_with, back, home),
            ChooseReplacementReason: lambda: ChooseReplacementReasonScreen(
                shown, answer_with, back, home
            ),
            SetNewPin: lambda: SetNewPinScreen(shown, answer_with, back, home),
            IssuingCard: lambda: IssuingCardScreen(shown, home),
            CardReady: lambda: CardReadyScreen(shown, done, home),
            ConfirmCardLoss: lambda: ConfirmCardLossScreen(shown, confirm, back, home),
            PinChanged: lambda: PinChangedScreen(shown, done, home),
            CardActivated: lambda: CardActivatedScreen(shown, done, home),
        }
        builder = builders.get(type(step))
        if builder is None:
            raise TypeError(f"no screen for {type(step).__name__}")
        return builder()

    def _camera_frames(self) -> Callable[[], Frame | None]:
        source = self.kiosk.devices.camera
        if source is None:
            return lambda: None
        return source().latest
