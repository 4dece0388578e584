"""Where the citizen is in the service: the steps in a row, the current one highlighted."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from ui.i18n import tr


class StepBar(QWidget):
    def __init__(self, steps: Sequence[str], current: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("StepBar")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.labels: list[QLabel] = []
        for index, name in enumerate(steps):
            text = tr("{number}. {step}").format(number=index + 1, step=name)
            step = QLabel(text, self)
            if index == current:
                step.setObjectName("Current")
                step.setAccessibleDescription(tr("current step"))
            self.labels.append(step)
            row.addWidget(step)
        row.addStretch()
        self.steps = tuple(steps)
        self.current = current
