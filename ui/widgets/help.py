"""求助's answer: over the screen the citizen is on, staff are on their way (or, with the line
down, to wave to staff: the request waits in the outbox); OK closes it and leaves the screen
(and the citizen's place in the service) as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label
from ui.widgets.overlay import Overlay


class HelpComing(Overlay):
    def __init__(self, already_called: bool, parent: QWidget, offline: bool = False) -> None:
        super().__init__(parent)
        self.already_called = already_called
        self.offline = offline
        if offline:
            # The request waits in the outbox until the line is back: promising that staff are
            # coming would leave the citizen waiting for nobody.
            heading = tr("Please ask a staff member")
            message = tr(
                "This kiosk cannot reach the branch just now. Your call has been "
                "saved and will be sent when the connection returns. Please wave to "
                "a staff member or ask at the counter."
            )
        elif already_called:
            heading = tr("Help is on its way")
            message = tr("You have already called staff. They are on their way: please wait here.")
        else:
            heading = tr("Help is on its way")
            message = tr("Staff are on their way. Please wait here.")
        self.heading = label(heading, "Heading", self.dialog)
        self.message = label(message, "Subheading", self.dialog)
        self.ok_button = button(tr("OK"), self.dismiss, primary=True, parent=self.dialog)
        self.ok_button.setDefault(True)
        self.buttons.addStretch()
        self.buttons.addWidget(self.ok_button)
        self.column.addWidget(self.heading)
        self.column.addWidget(self.message)
        self.finish()
        self.fit(self.message)

    @property
    def voice(self) -> str:
        return self.message.text()

    def start(self) -> None:
        self.show_over_window(self.ok_button)

    def dismiss(self) -> None:
        self.remove()
