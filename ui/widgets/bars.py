"""The top bar (brand, clock, language and elder-mode switches) and the demo card tray."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import QDateTime, Qt, QTimer, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.demo import DemoCardTray, DemoIdCardTray
from ui.i18n import Language, tr
from ui.i18n.texts import demo_situation
from ui.widgets.basics import button, label

log = logging.getLogger(__name__)


class QueueIndicator(QWidget):
    """For staff and technicians only: online or offline, and how many requests wait."""

    REFRESH_MS = 2000

    def __init__(
        self,
        online: Callable[[], bool | None],
        waiting: Callable[[], int | None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._online = online
        self._waiting = waiting
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.text = label("", "", self, wrap=False)
        row.addWidget(self.text)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self.refresh)
        self._timer.start(self.REFRESH_MS)
        self.refresh()

    def refresh(self) -> None:
        online, waiting = self._online(), self._waiting()
        state = {True: tr("● Online"), False: tr("● Offline"), None: tr("● Connecting")}[online]
        self.text.setObjectName({True: "Online", False: "Offline", None: "Muted"}[online])
        self.text.style().unpolish(self.text)
        self.text.style().polish(self.text)
        queue = tr("queue unavailable") if waiting is None else tr("%n waiting", None, waiting)
        self.text.setText(f"{state} · {queue}")


class TopBar(QWidget):
    language_switched = Signal()
    elder_switched = Signal()

    def __init__(
        self,
        language: Language,
        elder: bool,
        parent: QWidget | None = None,
        indicator: QueueIndicator | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("TopBar")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        row = QHBoxLayout(self)
        row.setContentsMargins(24, 8, 24, 8)
        row.addWidget(label(tr("Social Security Self-Service"), "Brand", self, wrap=False))
        row.addStretch()
        self.indicator = indicator
        if indicator is not None:
            indicator.setParent(self)
            row.addWidget(indicator)
        self._clock = label("", "", self, wrap=False)
        row.addWidget(self._clock)
        # Each switch is labelled in the language or mode it switches *to*, so that a citizen
        # who cannot read the current language still finds it.
        other = "English" if language is Language.ZH_CN else "中文"
        self.language_button = button(other, self.language_switched.emit, parent=self)
        self.language_button.setAccessibleName(tr("Switch language"))
        self.elder_button = button(tr("Large text"), self.elder_switched.emit, parent=self)
        self.elder_button.setCheckable(True)
        self.elder_button.setChecked(elder)
        row.addWidget(self.elder_button)
        row.addWidget(self.language_button)
        self._timer = QTimer(self)
        self._timer.timeout.connect(self._tick)
        self._timer.start(10_000)
        self._tick()

    def _tick(self) -> None:
        self._clock.setText(QDateTime.currentDateTime().toString("yyyy-MM-dd HH:mm"))


class DemoTrayBar(QWidget):
    """Demo only: insert and remove the demo citizens' virtual cards (docs/demo-data.md).

    The hand that moves a card works on a thread of its own: putting a card into a vpcd slot
    can wait for pcscd to notice the previous one left, and the screen must not freeze."""

    moved = Signal()

    def __init__(
        self,
        tray: DemoCardTray,
        on_change: Callable[[], None],
        parent: QWidget | None = None,
        id_cards: DemoIdCardTray | None = None,
        pay_from_phone: Callable[[], bool] | None = None,
    ) -> None:
        """`pay_from_phone`: set while a payment QR code is on screen (the demo payer)."""
        super().__init__(parent)
        self.setObjectName("DemoTray")
        self._id_cards = id_cards
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._tray = tray
        self._on_change = on_change
        # Two rows, social security cards above, ID cards (and the payer's phone) below: one
        # row no longer holds every demo citizen's card readably.
        rows = QVBoxLayout(self)
        rows.setContentsMargins(12, 4, 12, 4)
        rows.setSpacing(4)
        row = QHBoxLayout()
        rows.addLayout(row)
        row.addWidget(label(tr("Demo card tray:"), "", self, wrap=False))
        self.card_buttons: dict[str, QPushButton] = {}
        for card in tray.cards:
            text = f"{demo_situation(card.citizen_key)} · {card.masked_card_number}"
            card_button = button(text, lambda key=card.citizen_key: self._insert(key), parent=self)
            card_button.setCheckable(True)
            self.card_buttons[card.citizen_key] = card_button
            row.addWidget(card_button)
        self.remove_button = button(tr("Take card out"), self._remove, parent=self)
        row.addWidget(self.remove_button)
        row.addStretch()
        row = QHBoxLayout()
        rows.addLayout(row)
        self.id_card_buttons: dict[str, QPushButton] = {}
        if id_cards is not None:
            row.addWidget(label(tr("ID card:"), "", self, wrap=False))
            for key in id_cards.holders:
                id_button = button(
                    demo_situation(key), lambda k=key: self._place_id(k), parent=self
                )
                id_button.setCheckable(True)
                self.id_card_buttons[key] = id_button
                row.addWidget(id_button)
            self.take_id_button = button(tr("Take ID card"), self._take_id, parent=self)
            row.addWidget(self.take_id_button)
        self._pay_from_phone = pay_from_phone
        self.payer_button: QPushButton | None = None
        if pay_from_phone is not None:
            self.payer_button = button(tr("Phone pays"), self._pay, primary=True, parent=self)
            row.addWidget(self.payer_button)
        row.addStretch()
        self.moved.connect(self.refresh, Qt.ConnectionType.QueuedConnection)
        self.refresh()

    def _move(self, action: Callable[[], None]) -> None:
        def run() -> None:
            try:
                action()
            except OSError:
                log.warning("demo.tray_failed: the card could not be moved")
            self.moved.emit()

        threading.Thread(target=run, name="demo-tray", daemon=True).start()
        self._on_change()

    def _pay(self) -> None:
        pay = self._pay_from_phone
        if pay is None:
            return

        def run() -> None:
            if not pay():
                log.warning("demo.payer_refused: the sandbox did not take the payment")

        threading.Thread(target=run, name="demo-payer", daemon=True).start()
        self._on_change()

    def _insert(self, key: str) -> None:
        self._move(lambda: self._tray.insert(key))

    def _remove(self) -> None:
        self._move(self._tray.remove)

    def _place_id(self, key: str) -> None:
        if self._id_cards is not None:
            self._id_cards.place(key)
        self._on_change()
        self.refresh()

    def _take_id(self) -> None:
        if self._id_cards is not None:
            self._id_cards.take()
        self._on_change()
        self.refresh()

    def refresh(self) -> None:
        inserted = self._tray.inserted_key()
        for key, card_button in self.card_buttons.items():
            card_button.setChecked(key == inserted)
        self.remove_button.setEnabled(inserted is not None)
        if self._id_cards is not None:
            placed = self._id_cards.placed_key()
            for key, id_button in self.id_card_buttons.items():
                id_button.setChecked(key == placed)
            self.take_id_button.setEnabled(placed is not None)
