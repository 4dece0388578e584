"""The demo's card tray under the kiosk screen: the demo citizens' social security cards and ID
cards to put in and take out, and the payer's phone while a QR code is on screen.

It plugs into the place the shell offers for a bottom panel (ui.shell.Shell's `bottom_panel`);
nothing in ui/ knows it exists."""

from __future__ import annotations

import contextlib
import functools
import logging
import threading
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from demo.kiosk import DemoKiosk
from demo.trays import DemoCardTray, DemoIdCardTray
from kiosk.services.payment.steps import PayByQr
from ui.i18n import tr
from ui.shell import InFlow, Shell
from ui.widgets.basics import button, label

log = logging.getLogger(__name__)


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
            card_button = button(
                text, functools.partial(self._insert, card.citizen_key), parent=self
            )
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
                    demo_situation(key), functools.partial(self._place_id, key), parent=self
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
            # The window rebuilds its bottom strip with every screen: this bar may be gone by
            # the time a slow move (through vpcd) is done, and the new bar reads the tray anew.
            with contextlib.suppress(RuntimeError):
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
        self._move(functools.partial(self._tray.insert, key))

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


def demo_situation(citizen_key: str) -> str:
    return {
        "pensioner-due": lambda: tr("Pensioner, check due"),
        "pensioner-authenticated": lambda: tr("Pensioner, checked"),
        "contributor": lambda: tr("Employee, 6 years paid"),
        "not-enrolled": lambda: tr("Not enrolled"),
        "card-lost": lambda: tr("Card reported lost"),
        "unpaid-year": lambda: tr("Resident, one year unpaid"),
        "card-expired": lambda: tr("Card expired"),
        "no-card": lambda: tr("Enrolled, no card yet"),
        "card-not-activated": lambda: tr("New card, not activated"),
    }.get(citizen_key, lambda: citizen_key)()


def tray_panel(kiosk: DemoKiosk) -> Callable[[Shell], QWidget] | None:
    """The shell's bottom panel for a demo kiosk: built anew with every screen, so that the
    payer's phone is offered exactly while a payment QR code is shown."""
    cards, phone = kiosk.demo_tray, kiosk.payer
    if cards is None or phone is None:
        return None

    def panel(shell: Shell) -> QWidget:
        state = shell.state
        pay: Callable[[], bool] | None = None
        if isinstance(state, InFlow) and isinstance(state.step, PayByQr):
            payload = state.step.payload
            pay = lambda: phone.pay(payload)  # noqa: E731 - bound to this screen's code
        return DemoTrayBar(cards, shell.restart_idle_timer, shell, kiosk.id_card_tray, pay)

    return panel
