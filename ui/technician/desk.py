"""Vendor mode's desk: every device the kiosk has with its status, media and faults, refreshed
live from what the device manager already knows (no device is asked on this thread); a device
opened for its counters and tests; the network and queue, the logs; the kiosk handed back."""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QPushButton

from devices.manager import OUT_OF_ORDER, DeviceDetail
from kiosk.services.catalog import DeviceClass
from ui.i18n import tr
from ui.i18n.texts import device_name
from ui.screens.base import Screen
from ui.technician.words import media_words, status_words
from ui.widgets.basics import button, label


def set_role(widget: QLabel, role: str) -> None:
    """A label's look by its role (the stylesheet's object names), polished again on change."""
    if widget.objectName() != role:
        widget.setObjectName(role)
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def faults_short(detail: DeviceDetail) -> str:
    faults = detail.counts.faults
    return tr("{count} fault(s)").format(count=faults) if faults else tr("no faults")


class TechnicianDeskScreen(Screen):
    def __init__(
        self,
        technician_id: str,
        details: Mapping[DeviceClass, DeviceDetail | None],
        on_open: Callable[[DeviceClass], None],
        *,
        on_hand_back: Callable[[], None],
        on_line: Callable[[], None],
        on_logs: Callable[[], None],
    ) -> None:
        heading = tr("Maintenance (vendor mode): the kiosk is closed to citizens")
        super().__init__(heading)
        self.column.addWidget(label(heading, "Heading", self))
        who = QHBoxLayout()
        who.addWidget(
            label(tr("Technician {number}").format(number=technician_id), "Subheading", self)
        )
        self.attention = label("", "Warning", self)
        who.addWidget(self.attention, stretch=1)
        self.column.addLayout(who)
        grid = QGridLayout()
        grid.setHorizontalSpacing(28)
        grid.setVerticalSpacing(10)
        for column, title in enumerate((tr("Device"), tr("Status"), tr("Media"), tr("Faults"))):
            grid.addWidget(label(title, "Subheading", self), 0, column)
        self.statuses: dict[DeviceClass, QLabel] = {}
        self.media: dict[DeviceClass, QLabel] = {}
        self.faults: dict[DeviceClass, QLabel] = {}
        self.open_buttons: dict[DeviceClass, QPushButton] = {}
        for row, (device, detail) in enumerate(details.items(), start=1):
            driver = f" ({detail.driver})" if detail is not None else ""
            grid.addWidget(label(device_name(device) + driver, "", self), row, 0)
            if detail is None:
                grid.addWidget(label(tr("Not fitted"), "", self), row, 1)
                continue
            for column, labels in enumerate((self.statuses, self.media, self.faults), start=1):
                labels[device] = label("", "", self)
                grid.addWidget(labels[device], row, column)
            self.open_buttons[device] = button(
                tr("Details and tests"), functools.partial(on_open, device), parent=self
            )
            grid.addWidget(self.open_buttons[device], row, 4)
        grid.setColumnStretch(0, 3)
        grid.setColumnStretch(1, 3)
        grid.setColumnStretch(2, 2)
        grid.setColumnStretch(3, 2)
        self.column.addLayout(grid)
        self.column.addStretch()
        nav = QHBoxLayout()
        self.line_button = button(tr("Network and queue"), on_line, parent=self)
        self.logs_button = button(tr("Logs"), on_logs, parent=self)
        nav.addWidget(self.line_button)
        nav.addWidget(self.logs_button)
        nav.addStretch()
        self.hand_back_button = button(
            tr("Test all and hand back"), on_hand_back, primary=True, parent=self
        )
        nav.addWidget(self.hand_back_button)
        self.column.addLayout(nav)
        self.refresh(details)

    def refresh(self, details: Mapping[DeviceClass, DeviceDetail | None]) -> None:
        """The live part: status, media, faults (the rows stay as they are); a device out of
        order in the warning colour, and named under the heading."""
        attention = []
        for device, status_label in self.statuses.items():
            detail = details.get(device)
            if detail is None:
                continue
            status_label.setText(status_words(detail.status))
            self.media[device].setText(media_words(detail.media, device))
            self.faults[device].setText(faults_short(detail))
            down = detail.status in OUT_OF_ORDER
            if down:
                attention.append(device_name(device))
            for shown in (status_label, self.media[device]):
                set_role(shown, "Fault" if down else "")
        self.attention.setText(
            tr("Needs attention: {devices}").format(devices=", ".join(attention))
            if attention
            else tr("Every device fitted is working.")
        )
        set_role(self.attention, "Warning" if attention else "Subheading")
