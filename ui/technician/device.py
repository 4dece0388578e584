"""One device on the technician's desk: its status, media, counters and last fault, refreshed
live; a button for each of its tests, each answered with passed or failed and the code. The
tests run on the role's thread; a failure is a result shown here, never a crash."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton

from devices.manager import DeviceClass, DeviceDetail
from kiosk.roles.device_checks import CheckResult, DeviceCheck
from ui.i18n import tr
from ui.i18n.texts import device_name
from ui.screens.base import Screen
from ui.technician.back import add_back_row
from ui.technician.words import (
    check_hint,
    check_name,
    counter_words,
    fault_words,
    media_words,
    result_words,
    status_words,
)
from ui.widgets.basics import button, label


class DeviceScreen(Screen):
    def __init__(
        self,
        device: DeviceClass,
        detail: DeviceDetail,
        checks: tuple[DeviceCheck, ...],
        on_check: Callable[[DeviceCheck], None],
        on_back: Callable[[], None],
    ) -> None:
        heading = f"{device_name(device)} ({detail.driver})"
        super().__init__(heading)
        self.device = device
        self.column.addWidget(label(heading, "Heading", self))
        self.state = label("", "", self)
        self.counters = label("", "", self)
        self.fault = label("", "", self)
        for part in (self.state, self.counters, self.fault):
            self.column.addWidget(part)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(12)
        self.check_buttons: dict[DeviceCheck, QPushButton] = {}
        self.results: dict[DeviceCheck, QLabel] = {}
        for row, check in enumerate(checks):
            self.check_buttons[check] = button(
                check_name(check), functools.partial(self._start, check, on_check), parent=self
            )
            self.results[check] = label("", "", self)
            grid.addWidget(self.check_buttons[check], row, 0)
            grid.addWidget(self.results[check], row, 1)
        grid.setColumnStretch(1, 1)
        self.column.addLayout(grid)
        self.column.addStretch()
        self.back_button = add_back_row(self, on_back)
        self.refresh(detail)

    def refresh(self, detail: DeviceDetail | None) -> None:
        if detail is None:
            return
        self.state.setText(
            tr("Status: {status} · Media: {media}").format(
                status=status_words(detail.status),
                media=media_words(detail.media, self.device),
            )
        )
        counters = counter_words(detail.counts)
        self.counters.setText(tr("Counters: {counters}").format(counters=counters or "–"))
        self.fault.setText(fault_words(detail.counts))

    def _start(self, check: DeviceCheck, on_check: Callable[[DeviceCheck], None]) -> None:
        for each in self.check_buttons.values():
            each.setEnabled(False)  # one test at a time: they share the device
        self.results[check].setText(check_hint(check))
        on_check(check)

    def show_progress(self, check: DeviceCheck, words: str) -> None:
        self.results[check].setText(words)

    def show_result(self, result: CheckResult) -> None:
        self.results[result.check].setText(result_words(result))
        for each in self.check_buttons.values():
            each.setEnabled(True)
