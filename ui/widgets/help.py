"""求助's answer: over the screen the citizen is on, staff are on their way; OK closes it and
leaves the screen (and the citizen's place in the service) as it was."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label
from ui.widgets.overlay import Overlay


class HelpComing(Overlay):
    def __init__(self, already_called: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.already_called = already_called
        self.heading = label(tr("Help is on its way"), "Heading", self.dialog)
        if already_called:
            message = tr("You have already called staff. They are on their way: please wait here.")
        else:
            message = tr("Staff are on their way. Please wait here.")
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
