"""Pension eligibility check: the status, the live camera with one instruction at a time, a
retry after a failed attempt, and the result.

The face check (FaceGuidance, FaceRetry) is shared with the card services, which use it as the
proof of presence; its screens live here, where it began, and show the step bar of whichever
service is running."""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.face.codes import FaceAction, QualityIssue
from kiosk.services.eligibility.steps import EligibilityDue, EligibilityResult
from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity, FaceGuidance, FaceRetry, QueuedReceipt
from ui.i18n import tr
from ui.i18n.format import day
from ui.i18n.texts import error_text
from ui.screens.base import AnyStep, FlowScreen, ScreenContext
from ui.screens.identify import CARD_AND_PIN, READING_CARD_AND_PIN
from ui.screens.receipts import add_beside_receipt
from ui.screens.registry import ScreenFor, ScreenRegistry, ServiceScreens, StepBar
from ui.widgets.basics import label
from ui.widgets.camera_view import CameraView
from ui.widgets.receipt import SuccessTitle, take_reminder


def eligibility_steps() -> list[str]:
    return [tr("Insert card"), tr("Enter PIN"), tr("Face check"), tr("Result")]


def action_text(action: FaceAction) -> str:
    return {
        FaceAction.LOOK: lambda: tr("Please look at the screen and keep still"),
        FaceAction.BLINK: lambda: tr("Please blink your eyes"),
        FaceAction.TURN_LEFT: lambda: tr("Please turn your head slowly to the left, then back"),
        FaceAction.TURN_RIGHT: lambda: tr("Please turn your head slowly to the right, then back"),
    }[action]()


def feedback_text(feedback: QualityIssue) -> str:
    return {
        QualityIssue.NO_FACE: lambda: tr("We cannot see your face. Stand in front of the screen."),
        QualityIssue.SEVERAL_FACES: lambda: tr("Only one person in front of the camera, please."),
        QualityIssue.TOO_FAR: lambda: tr("Please come a little closer."),
        QualityIssue.TOO_CLOSE: lambda: tr("Please step back a little."),
        QualityIssue.OFF_CENTRE: lambda: tr("Please move so your face is inside the oval."),
        QualityIssue.TOO_DARK: lambda: tr("It is too dark. Please face the light."),
        QualityIssue.TOO_BRIGHT: lambda: tr("The light is too strong. Please turn a little."),
        QualityIssue.BLURRY: lambda: tr("Please hold still."),
        QualityIssue.NOT_FACING: lambda: tr("Please look straight at the screen."),
    }[feedback]()


class EligibilityDueScreen(FlowScreen):
    def __init__(self, prompt: EligibilityDue, ctx: ScreenContext) -> None:
        if prompt.due is None:
            heading = tr("The kiosk is offline: your check will be confirmed later")
        elif prompt.due:
            heading = tr("Your yearly check is due")
        else:
            heading = tr("You have already done this year's check")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        greeting = tr("Hello, {name}").format(name=prompt.masked_name)
        self.content.addWidget(label(greeting, "Subheading", self))
        self.content.addWidget(label(heading, "Heading", self))
        if prompt.valid_until is not None:
            self.content.addWidget(
                label(tr("Valid until {date}").format(date=day(prompt.valid_until)), "", self)
            )
        self.content.addWidget(
            label(
                tr(
                    "Next, the camera checks that it is really you. Stand about an arm's length "
                    "from the screen, take off sunglasses or a hat, and follow the instructions."
                ),
                "",
                self,
            )
        )
        if prompt.due is None:
            self.content.addWidget(
                label(
                    tr(
                        "You will get a provisional receipt. The social security "
                        "system will compare your photo when the connection returns; "
                        "if there is a problem, you will be told."
                    ),
                    "Warning",
                    self,
                )
            )
        self.content.addStretch()
        start = tr("Check again anyway") if prompt.due is False else tr("Start the face check")
        self.start_button = self.add_primary(start, ctx.confirm)


class FaceScreen(FlowScreen):
    """The camera on the left, the one instruction and feedback on the right, in large text.

    The camera keeps running while the flow's guidance changes: each new FaceGuidance changes
    only the words (update_in_place), and a new instruction is said aloud."""

    def __init__(self, guidance: FaceGuidance, ctx: ScreenContext) -> None:
        super().__init__(ctx, on_back=None)
        self.camera = CameraView(ctx.camera, self)
        text = QVBoxLayout()
        text.setSpacing(24)
        self.progress = label("", "Muted", self)
        text.addWidget(self.progress)
        self.instruction = label("", "Heading", self)
        text.addWidget(self.instruction)
        self.feedback = label("", "Warning", self)
        text.addWidget(self.feedback)
        self.attempt = label("", "Muted", self)
        text.addWidget(self.attempt)
        text.addStretch()
        self.guidance: FaceGuidance | None = None
        self.show_guidance(guidance)
        row = QHBoxLayout()
        row.setSpacing(32)
        row.addWidget(self.camera, stretch=3)
        row.addLayout(text, stretch=2)
        self.content.addLayout(row, stretch=1)

    def update_in_place(self, step: AnyStep) -> bool:
        if not isinstance(step, FaceGuidance):
            return False
        if self.show_guidance(step):
            self.ctx.say(self.voice)
        return True

    def show_guidance(self, guidance: FaceGuidance) -> bool:
        """Updates the words in place; True when there is something new to say aloud."""
        previous, self.guidance = self.guidance, guidance
        instruction = action_text(guidance.action)
        feedback = feedback_text(guidance.feedback) if guidance.feedback else ""
        self.progress.setText(
            tr("Step {done} of {total}").format(
                done=min(guidance.done + 1, guidance.total), total=guidance.total
            )
            if guidance.action is not FaceAction.LOOK
            else ""
        )
        self.instruction.setText(instruction)
        self.feedback.setText(feedback)
        self.feedback.setVisible(bool(feedback))
        self.attempt.setText(
            tr("Attempt {n}").format(n=guidance.attempt) if guidance.attempt > 1 else ""
        )
        self.voice = feedback or instruction
        return previous is None or (
            previous.action,
            previous.feedback,
        ) != (guidance.action, guidance.feedback)


class FaceRetryScreen(FlowScreen):
    """Try again (confirm) or leave (Back)."""

    def __init__(self, prompt: FaceRetry, ctx: ScreenContext) -> None:
        heading = tr("That did not work. Please try again.")
        super().__init__(ctx, on_back=ctx.back, voice=heading)
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(label(_retry_advice(prompt.reason), "", self))
        self.content.addWidget(
            label(tr("%n attempt(s) left.", None, prompt.attempts_left), "Warning", self)
        )
        self.content.addStretch()
        self.retry_button = self.add_primary(tr("Try again"), ctx.confirm)


def _retry_advice(reason: str) -> str:
    if reason == "liveness.too_fast":
        return tr("Please move your head slowly, as the instruction says.")
    if reason == "face.no_good_frame":
        return tr("Please stand in front of the screen, face the light and keep still.")
    return tr("Please do each action when the screen asks for it.")


class EligibilityResultScreen(FlowScreen):
    """The result on the left (a success mark when it passed), the receipt number to keep on
    the right."""

    def __init__(self, result: EligibilityResult, ctx: ScreenContext) -> None:
        if result.authenticated:
            heading = tr("Check passed: your pension continues")
        elif result.under_review:
            heading = tr("Your check is being reviewed by staff")
        else:
            heading = tr("Your check did not pass")
        super().__init__(ctx, on_back=None, voice=heading)
        text = QVBoxLayout()
        text.setSpacing(20)
        if result.authenticated:
            title = SuccessTitle(heading, self)
            self.heading = title.heading
            text.addWidget(title)
        else:
            self.heading = label(heading, "Heading", self)
            text.addWidget(self.heading)
        if result.valid_until is not None:
            text.addWidget(
                label(tr("Valid until {date}").format(date=day(result.valid_until)), "", self)
            )
        if result.under_review:
            text.addWidget(
                label(
                    tr(
                        "You do not need to do anything now. Your pension will be "
                        "paid as usual while staff check. You can track it with your "
                        "receipt number."
                    ),
                    "",
                    self,
                )
            )
        elif not result.authenticated and result.reason_code:
            reason = error_text(result.reason_code)
            # Two lines, not "title. advice": a Latin full stop inside Chinese text reads wrong.
            text.addWidget(label(reason.title, "Warning", self))
            text.addWidget(label(reason.advice, "", self))
        reminder = take_reminder(card=True, parent=self)
        if reminder is not None:
            text.addWidget(reminder)
        text.addStretch()
        self.receipt = add_beside_receipt(self, text, result.receipt_number)
        self.done_button = self.add_primary(tr("Done"), ctx.done)


FACE_CHECK = 2
"""The face check's place in the eligibility step bar."""

SCREENS = ScreenRegistry(
    screens=(
        ScreenFor(EligibilityDue, EligibilityDueScreen),
        ScreenFor(FaceGuidance, FaceScreen),
        ScreenFor(FaceRetry, FaceRetryScreen),
        ScreenFor(EligibilityResult, EligibilityResultScreen),
    ),
    services=(
        ServiceScreens(
            ServiceId.ELIGIBILITY,
            StepBar(
                eligibility_steps,
                at_step={
                    **CARD_AND_PIN,
                    EligibilityDue: FACE_CHECK,
                    FaceGuidance: FACE_CHECK,
                    FaceRetry: FACE_CHECK,
                    EligibilityResult: 3,
                    QueuedReceipt: 3,
                },
                at_activity={
                    **READING_CARD_AND_PIN,
                    Activity.CHECKING_ELIGIBILITY: FACE_CHECK,
                    Activity.PREPARING_CAMERA: FACE_CHECK,
                    Activity.SUBMITTING: FACE_CHECK,
                },
            ),
        ),
    ),
)
