"""Pension eligibility check: the status, the live camera with one instruction at a time, a
retry after a failed attempt, and the result."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout

from kiosk.face.codes import FaceAction, QualityIssue
from kiosk.services.eligibility.steps import EligibilityDue, EligibilityResult
from kiosk.services.steps import FaceGuidance, FaceRetry
from offline_queue.receipts import grouped
from ui.i18n import tr
from ui.i18n.format import day
from ui.i18n.texts import error_text
from ui.screens.base import FlowScreen
from ui.widgets.basics import label
from ui.widgets.camera_view import CameraView

if TYPE_CHECKING:
    from devices.camera.camera import Frame


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
        QualityIssue.TOO_BRIGHT: lambda: tr(
            "Too much light behind or on you. Please turn a little."
        ),
        QualityIssue.BLURRY: lambda: tr("Please hold still."),
        QualityIssue.NOT_FACING: lambda: tr("Please look straight at the screen."),
    }[feedback]()


class EligibilityDueScreen(FlowScreen):
    def __init__(
        self,
        prompt: EligibilityDue,
        on_start: Callable[[], None],
        on_back: Callable[[], None],
        on_exit: Callable[[], None],
    ) -> None:
        if prompt.due is None:
            heading = tr("The kiosk is offline: your check will be confirmed later")
        elif prompt.due:
            heading = tr("Your yearly check is due")
        else:
            heading = tr("You are already checked for this year")
        super().__init__(
            steps=eligibility_steps(), current=2, on_back=on_back, on_exit=on_exit, voice=heading
        )
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
                        "You will get a provisional receipt. The social security system "
                        "compares your photo when the connection returns; if anything is "
                        "wrong you will be told."
                    ),
                    "Warning",
                    self,
                )
            )
        self.content.addStretch()
        start = tr("Check again anyway") if prompt.due is False else tr("Start the face check")
        self.start_button = self.add_primary(start, on_start)


class FaceScreen(FlowScreen):
    """The camera on the left, the one instruction and feedback on the right, in large text."""

    def __init__(
        self,
        guidance: FaceGuidance,
        latest: Callable[[], Frame | None],
        on_exit: Callable[[], None],
        steps: list[str] | None = None,
    ) -> None:
        """`steps`: the service's step bar; the face check is its third step in every service."""
        super().__init__(
            steps=steps or eligibility_steps(), current=2, on_back=None, on_exit=on_exit
        )
        self.camera = CameraView(latest, self)
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
    def __init__(
        self,
        prompt: FaceRetry,
        on_retry: Callable[[], None],
        on_leave: Callable[[], None],
        on_exit: Callable[[], None],
    ) -> None:
        heading = tr("That did not work. Let us try again.")
        super().__init__(
            steps=eligibility_steps(), current=2, on_back=on_leave, on_exit=on_exit, voice=heading
        )
        self.content.addWidget(label(heading, "Heading", self))
        self.content.addWidget(label(_retry_advice(prompt.reason), "", self))
        self.content.addWidget(
            label(tr("%n attempt(s) left.", None, prompt.attempts_left), "Warning", self)
        )
        self.content.addStretch()
        self.retry_button = self.add_primary(tr("Try again"), on_retry)


def _retry_advice(reason: str) -> str:
    if reason == "liveness.too_fast":
        return tr("Please move your head slowly, as the instruction says.")
    if reason == "face.no_good_frame":
        return tr("Please stand in front of the screen, face the light and keep still.")
    return tr("Please do each action when the screen asks for it.")


class EligibilityResultScreen(FlowScreen):
    def __init__(
        self, result: EligibilityResult, on_done: Callable[[], None], on_exit: Callable[[], None]
    ) -> None:
        if result.authenticated:
            heading = tr("Check passed: your pension continues")
        elif result.under_review:
            heading = tr("Your check is being reviewed by staff")
        else:
            heading = tr("Your check did not pass")
        super().__init__(
            steps=eligibility_steps(), current=3, on_back=None, on_exit=on_exit, voice=heading
        )
        self.heading = label(heading, "Heading", self)
        self.content.addWidget(self.heading)
        if result.valid_until is not None:
            self.content.addWidget(
                label(tr("Valid until {date}").format(date=day(result.valid_until)), "", self)
            )
        if result.under_review:
            self.content.addWidget(
                label(
                    tr(
                        "You do not need to do anything now. Your pension is paid as usual "
                        "while staff check. Follow it with your receipt number."
                    ),
                    "",
                    self,
                )
            )
        elif not result.authenticated and result.reason_code:
            reason = error_text(result.reason_code)
            self.content.addWidget(label(f"{reason.title}. {reason.advice}", "Warning", self))
        self.content.addWidget(
            label(
                tr("Receipt number: {number}").format(number=grouped(result.receipt_number)),
                "Muted",
                self,
            )
        )
        self.content.addStretch()
        self.done_button = self.add_primary(tr("Done"), on_done)
        self.content.setAlignment(Qt.AlignmentFlag.AlignTop)
