"""The receipt number, the one thing a citizen keeps: one widget on every screen that gives one,
large and grouped 4-4-4-4 over its QR code, under one name (受理编号, "Receipt number").

And what a success screen shares: a success mark beside its title, and what to take away."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from offline_queue.receipts import grouped
from ui.i18n import tr
from ui.theme import SUCCESS
from ui.widgets.basics import label
from ui.widgets.qr import QrCode

RECEIPT_QR_PX = 240


def receipt_name() -> str:
    """The receipt number's one name, on every screen and in every sentence that names it."""
    return tr("Receipt number")


class ReceiptNumber(QWidget):
    """The name, the number in big grouped digits, and its QR code, which 查进度's scanner
    reads (the citizen may also photograph it)."""

    def __init__(
        self, receipt_number: str, qr_side: int = RECEIPT_QR_PX, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("Receipt")
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(12)
        self.name_label = label(receipt_name(), "Subheading", self)
        column.addWidget(self.name_label)
        self.number_label = label(grouped(receipt_number), "Big", self, wrap=False)
        self.number_label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.number_label.setAccessibleName(receipt_name())
        column.addWidget(self.number_label)
        self.qr = QrCode(receipt_number, qr_side, self)
        self.qr.setAccessibleName(tr("QR code of the receipt number"))
        column.addWidget(self.qr, alignment=Qt.AlignmentFlag.AlignHCenter)
        column.addStretch()


class SuccessMark(QWidget):
    """A large check mark drawn in the success colour, as tall as two lines of the title's
    type: drawn, not a glyph, so no fallback font decides its size or cuts it."""

    def sizeHint(self) -> QSize:
        side = 2 * QFontMetrics(self.font()).height()
        return QSize(side, side)

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()

    def paintEvent(self, event: QPaintEvent) -> None:
        side = min(self.width(), self.height())
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        pen = QPen(QColor(SUCCESS), max(4.0, side / 9))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        painter.drawPolyline(
            [QPointF(side * 0.15, side * 0.55), QPointF(side * 0.4, side * 0.8),
             QPointF(side * 0.88, side * 0.2)]
        )  # fmt: skip
        painter.end()


class SuccessTitle(QWidget):
    """A success screen's title with a large check mark before it, in the success colour: the
    mark says "done" to someone who cannot read the words from where they stand."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(20)
        self.mark = SuccessMark(self)
        self.mark.setObjectName("SuccessMark")
        self.mark.setAccessibleName(tr("Completed successfully"))
        row.addWidget(self.mark, alignment=Qt.AlignmentFlag.AlignTop)
        self.heading = label(heading, "Heading", self)
        row.addWidget(self.heading, stretch=1)


def take_reminder(
    *, card: bool = False, id_card: bool = False, receipt: bool = False, parent: QWidget
) -> QLabel | None:
    """What the citizen must not leave behind (the card, the ID card, the receipt slip), as one
    sentence; None when nothing is to be taken."""
    sentences = {
        (True, True, True): lambda: tr("Please take your card, your ID card and your receipt."),
        (True, False, True): lambda: tr("Please take your card and your receipt."),
        (False, True, True): lambda: tr("Please take your ID card and your receipt."),
        (True, True, False): lambda: tr("Please take your card and your ID card."),
        (True, False, False): lambda: tr("Please take your card."),
        (False, True, False): lambda: tr("Please take your ID card."),
        (False, False, True): lambda: tr("Please take your receipt."),
    }
    sentence = sentences.get((card, id_card, receipt))
    if sentence is None:
        return None
    return label(sentence(), "Reminder", parent)


def not_printed_note(parent: QWidget) -> QLabel:
    """The slip did not come out: the number stays on the screen, with its QR code to
    photograph; nobody is asked to copy 16 digits by hand."""
    return label(
        tr(
            "The receipt could not be printed. Photograph the receipt number and its QR code "
            "with your phone, or ask the staff to print it."
        ),
        "Warning",
        parent,
    )
