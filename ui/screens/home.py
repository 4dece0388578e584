"""The home screen: the six services as large tiles."""

from __future__ import annotations

import functools
from collections.abc import Callable

from PySide6.QtWidgets import (
    QGridLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.services.catalog import ServiceInfo
from kiosk.services.session import ServiceId
from ui.i18n import tr
from ui.i18n.texts import offline_hint, service_hint, service_name
from ui.screens.base import Screen
from ui.widgets.basics import button, choice_tile, label


class HomeScreen(Screen):
    """While the kiosk is offline a banner says so, and each tile says whether its service
    still works: the citizen learns it before starting, not halfway through."""

    def __init__(
        self,
        services: tuple[ServiceInfo, ...],
        available: Callable[[ServiceId], bool],
        on_choose: Callable[[ServiceId], None],
        offline: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(tr("Please choose a service."), parent)
        self.offline_banner: QLabel | None = None
        if offline:
            self.offline_banner = label(
                tr(
                    "The kiosk is offline. Services marked below still work: your request is "
                    "stored here and sent automatically when the connection returns."
                ),
                "Banner",
                self,
            )
            self.voice = f"{self.offline_banner.text()} {self.voice}"
            self.column.addWidget(self.offline_banner)
        self.column.addWidget(label(tr("Please choose a service"), "Heading", self))
        grid = QGridLayout()
        grid.setSpacing(24)
        self.tiles: dict[ServiceId, QPushButton] = {}
        for index, service in enumerate(services):
            built = available(service.id)
            ready = built and (service.runs_offline or not offline)
            if not built:
                status = tr("Coming soon")
            elif offline:
                status = offline_hint(service.id)
            else:
                status = service_hint(service.id)
            tile = choice_tile(
                service_name(service.id),
                status,
                functools.partial(on_choose, service.id),
                self,
                min_height=0,
                enabled=ready,
            )
            policy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
            policy.setHeightForWidth(True)
            tile.setSizePolicy(policy)
            tile.setAccessibleDescription(status)
            self.tiles[service.id] = tile
            grid.addWidget(tile, index // 3, index % 3)
        self.column.addLayout(grid, stretch=1)
        self.progress_button = button(
            f"{service_name(ServiceId.PROGRESS)} · {service_hint(ServiceId.PROGRESS)}",
            functools.partial(on_choose, ServiceId.PROGRESS),
            parent=self,
        )
        self.progress_button.setEnabled(available(ServiceId.PROGRESS))
        self.column.addWidget(self.progress_button)
