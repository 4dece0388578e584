"""Vendor mode's desk: every device the kiosk has, its status, a self-test for each, and the
kiosk handed back to the citizens. The tests run on a thread (the shell's); results come back
here."""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton

from devices.base import SelfTestReport
from kiosk.services.catalog import DeviceClass
from ui.i18n import tr
from ui.i18n.texts import device_name
from ui.screens.base import Screen
from ui.widgets.basics import button, label


def report_words(report: SelfTestReport | None) -> str:
    if report is None:
        return tr("Not fitted")
    if report.passed:
        return tr("Passed")
    failed = ", ".join(detail or check for check, ok, detail in report.checks if not ok)
    return tr("Failed: {codes}").format(codes=failed or report.status.value)


class TechnicianDeskScreen(Screen):
    def __init__(
        self,
        technician_id: str,
        devices: Sequence[tuple[DeviceClass, str, str | None]],
        on_test: Callable[[DeviceClass], None],
        on_hand_back: Callable[[], None],
        on_line: Callable[[], None],
    ) -> None:
        """`devices`: each class, its driver and its status code (None: not fitted)."""
        heading = tr("Vendor mode: the kiosk is closed to citizens")
        super().__init__(heading)
        self.column.addWidget(label(heading, "Heading", self))
        self.column.addWidget(
            label(tr("Technician {number}").format(number=technician_id), "Subheading", self)
        )
        grid = QGridLayout()
        grid.setHorizontalSpacing(32)
        grid.setVerticalSpacing(12)
        for column, title in enumerate((tr("Device"), tr("Status"), tr("Self-test"))):
            grid.addWidget(label(title, "Subheading", self), 0, column)
        self.results: dict[DeviceClass, QLabel] = {}
        self.test_buttons: dict[DeviceClass, QPushButton] = {}
        for row, (device, driver, status) in enumerate(devices, start=1):
            grid.addWidget(label(f"{device_name(device)} ({driver})", "", self), row, 0)
            grid.addWidget(label(status or tr("Not fitted"), "", self), row, 1)
            result = label("", "", self)
            self.results[device] = result
            grid.addWidget(result, row, 2)
            if status is not None:
                test = button(
                    tr("Test"), functools.partial(self._test, device, on_test), parent=self
                )
                self.test_buttons[device] = test
                grid.addWidget(test, row, 3)
        self.column.addLayout(grid)
        self.column.addStretch()
        nav = QHBoxLayout()
        self.line_button = button(tr("Network and queue"), on_line, parent=self)
        nav.addWidget(self.line_button)
        nav.addStretch()
        self.hand_back_button = button(
            tr("Test all and hand back"), on_hand_back, primary=True, parent=self
        )
        nav.addWidget(self.hand_back_button)
        self.column.addLayout(nav)

    def _test(self, device: DeviceClass, on_test: Callable[[DeviceClass], None]) -> None:
        self.results[device].setText(tr("Testing…"))
        self.test_buttons[device].setEnabled(False)
        on_test(device)

    def show_result(self, device: DeviceClass, report: SelfTestReport | None) -> None:
        self.results[device].setText(report_words(report))
        if device in self.test_buttons:
            self.test_buttons[device].setEnabled(True)
