"""The home screen: the six services as large tiles, each with its icon and what it does."""

from __future__ import annotations

import functools
from collections.abc import Callable, Collection, Mapping

from PySide6.QtCore import QSize
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QWidget,
)

from kiosk.services.catalog import DeviceClass, ServiceInfo
from kiosk.services.session import ServiceId
from ui.i18n import tr
from ui.i18n.texts import device_down_hint, offline_hint, service_hint, service_name
from ui.icons import SERVICE_ICONS, icon, pixmap
from ui.screens.base import Screen
from ui.theme import MUTED_INK, PRIMARY
from ui.widgets.basics import button, choice_tile, label

TILE_ICON_PX = 64


def tile_hint(service: ServiceId) -> str:
    """What the tile does, in one line; the card tile names all its card services."""
    if service is ServiceId.CARD:
        return tr("New card, replacement, loss report, PIN")
    return service_hint(service)


def add_icon(tile: QPushButton, service: ServiceId, enabled: bool) -> QLabel:
    """The service's icon left of the tile's name (the name's label moves into a row with it)."""
    picture = QLabel(tile)
    picture.setObjectName("TileIcon")
    picture.setPixmap(
        pixmap(SERVICE_ICONS[service], PRIMARY if enabled else MUTED_INK, TILE_ICON_PX)
    )
    picture.setFixedSize(TILE_ICON_PX, TILE_ICON_PX)
    inside = tile.layout()
    assert isinstance(inside, QBoxLayout)  # tile_labels: stretch, name, hint, stretch
    item = inside.itemAt(1)
    name = item.widget() if item is not None else None
    assert name is not None
    inside.removeWidget(name)
    row = QHBoxLayout()
    row.setSpacing(16)
    row.addWidget(picture)
    row.addWidget(name, stretch=1)
    inside.insertLayout(1, row)
    return picture


class HomeScreen(Screen):
    """While the kiosk is offline a banner says so, and each tile says whether its service
    still works: the citizen learns it before starting, not halfway through. A service whose
    device is missing or out of order says which, and cannot be started."""

    def __init__(
        self,
        services: tuple[ServiceInfo, ...],
        available: Callable[[ServiceId], bool],
        on_choose: Callable[[ServiceId], None],
        *,
        offline: bool = False,
        outages: Mapping[ServiceId, DeviceClass] | None = None,
        not_fitted: Collection[DeviceClass] = (),
        shortcuts: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        """`outages`: services that cannot start now, with the device each lacks;
        `not_fitted`: devices this kiosk does not have at all (not out of order: absent);
        `shortcuts`: each tile names its key (a staff laptop's keyboard: Alt+1 …)."""
        outages = outages or {}
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
            lacking = outages.get(service.id)
            ready = built and (service.runs_offline or not offline) and lacking is None
            if not built:
                status = tr("Coming soon")
            elif lacking is not None and lacking in not_fitted:
                status = tr("Not available at this kiosk")
            elif lacking is not None:
                status = device_down_hint(lacking)
            elif offline:
                status = offline_hint(service.id)
            else:
                status = tile_hint(service.id)
            if shortcuts and ready:
                status = tr("{hint} · Alt+{number}").format(hint=status, number=index + 1)
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
            add_icon(tile, service.id, ready)
            self.tiles[service.id] = tile
            grid.addWidget(tile, index // 3, index % 3)
        self.column.addLayout(grid, stretch=1)
        self.progress_button = button(
            f"{service_name(ServiceId.PROGRESS)} · {service_hint(ServiceId.PROGRESS)}",
            functools.partial(on_choose, ServiceId.PROGRESS),
            parent=self,
        )
        self.progress_button.setEnabled(available(ServiceId.PROGRESS))
        self.progress_button.setIcon(icon(SERVICE_ICONS[ServiceId.PROGRESS], PRIMARY))
        self.progress_button.setIconSize(QSize(40, 40))
        self.column.addWidget(self.progress_button)
