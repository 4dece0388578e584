"""求助's answer: over the screen the citizen is on, staff are on their way; OK closes it and
leaves the screen (and the citizen's place in the service) as it was."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from ui.i18n import tr
from ui.widgets.basics import button, label


class HelpComing(QWidget):
    WIDTH_PX = 1000
    MARGIN_PX = 40

    def __init__(self, already_called: bool, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("Overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.already_called = already_called
        dialog = QWidget(self)
        dialog.setObjectName("Dialog")
        dialog.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        dialog.setFixedWidth(self.WIDTH_PX)
        self.heading = label(tr("Help is on its way"), "Heading", dialog)
        if already_called:
            message = tr("You have already called staff. They are on their way: please wait here.")
        else:
            message = tr("Staff are on their way. Please wait here.")
        self.message = label(message, "Subheading", dialog)
        self.ok_button = button(tr("OK"), self.dismiss, primary=True, parent=dialog)
        self.ok_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.ok_button)
        column = QVBoxLayout(dialog)
        column.setContentsMargins(*(self.MARGIN_PX,) * 4)
        column.setSpacing(24)
        column.addWidget(self.heading)
        column.addWidget(self.message)
        column.addLayout(buttons)
        outer = QVBoxLayout(self)
        outer.addStretch()
        outer.addWidget(dialog, alignment=Qt.AlignmentFlag.AlignCenter)
        outer.addStretch()
        # A centred dialog gets its size hint, which does not follow a wrapped label's height
        # for its width: the message asks for the lines it needs at the dialog's width.
        self.message.ensurePolished()
        width = self.WIDTH_PX - 2 * self.MARGIN_PX
        self.message.setMinimumHeight(self.message.heightForWidth(width))
        parent.installEventFilter(self)

    @property
    def voice(self) -> str:
        return self.message.text()

    def start(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            self.setGeometry(parent.rect())
        self.show()
        self.raise_()
        self.ok_button.setFocus()

    def dismiss(self) -> None:
        parent = self.parentWidget()
        if parent is not None:
            parent.removeEventFilter(self)
        self.hide()
        self.deleteLater()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        parent = self.parentWidget()
        if event.type() == QEvent.Type.Resize and parent is not None and watched is parent:
            self.setGeometry(parent.rect())  # the window resized: still over all of it
        return False
