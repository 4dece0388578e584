"""Line icons drawn for this project (no third-party artwork: see README, Icons).

Each is the inside of a 48×48 SVG drawn with round 3.5-unit strokes in one colour, which the
caller chooses (the tile's ink on white, white on the top bar). They live here as text, not
as files, so they need no package data and load without touching the disk.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QByteArray, Qt
from PySide6.QtGui import QIcon, QPainter, QPixmap
from PySide6.QtSvg import QSvgRenderer

from kiosk.codes import ServiceId

SHAPES = {
    "person-check": '<circle cx="19" cy="13" r="7"/><path d="M5 41c0-9 6-14 14-14 3 0 6 1 8 2"/>'
    '<path d="M29 35l5 5 10-11"/>',
    "person-add": '<circle cx="19" cy="13" r="7"/><path d="M5 41c0-9 6-14 14-14 3 0 6 1 8 2"/>'
    '<path d="M38 27v16M30 35h16"/>',
    "records": '<path d="M11 4h18l8 8v32H11z"/><path d="M29 4v8h8"/>'
    '<path d="M17 22h14M17 29h14M17 36h9"/>',
    "yuan": '<circle cx="24" cy="24" r="19"/><path d="M17 12l7 9 7-9M24 21v16M17 24h14M17 30h14"/>',
    "printer": '<path d="M14 18V5h20v13"/><rect x="5" y="18" width="38" height="16" rx="3"/>'
    '<path d="M14 28h20v15H14z"/>',
    "card": '<rect x="4" y="10" width="40" height="28" rx="4"/><path d="M4 18h40"/>'
    '<rect x="9" y="24" width="9" height="8" rx="1"/><path d="M25 30h13"/>',
    "search": '<circle cx="20" cy="20" r="13"/><path d="M30 30l13 13"/>',
    "large-text": '<path d="M3 40L13 9l10 31M7 29h12"/><path d="M27 40l7-19 7 19M30 33h8"/>',
    "voice-on": '<path d="M5 18h8l10-9v30l-10-9H5z"/>'
    '<path d="M30 17c3 4 3 10 0 14M36 11c6 7 6 19 0 26"/>',
    "voice-off": '<path d="M5 18h8l10-9v30l-10-9H5z"/><path d="M31 18l12 12M43 18L31 30"/>',
    "repeat": '<path d="M38 24a14 14 0 1 1-4.1-9.9"/><path d="M35 4v10.5H24.5"/>',
    "language": '<circle cx="24" cy="24" r="19"/>'
    '<path d="M5 24h38M24 5c-7 6-7 32 0 38M24 5c7 6 7 32 0 38"/>',
}

SERVICE_ICONS = {
    ServiceId.ELIGIBILITY: "person-check",
    ServiceId.ENROLLMENT: "person-add",
    ServiceId.QUERY: "records",
    ServiceId.PAYMENT: "yuan",
    ServiceId.CERTIFICATES: "printer",
    ServiceId.CARD: "card",
    ServiceId.PROGRESS: "search",
}


def svg(name: str, colour: str) -> str:
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" fill="none" '
        f'stroke="{colour}" stroke-width="3.5" stroke-linecap="round" stroke-linejoin="round">'
        f"{SHAPES[name]}</svg>"
    )


@cache
def pixmap(name: str, colour: str, size: int) -> QPixmap:
    """`size` device-independent pixels square, drawn sharp at 2× for high-density screens."""
    picture = QPixmap(size * 2, size * 2)
    picture.fill(Qt.GlobalColor.transparent)
    renderer = QSvgRenderer(QByteArray(svg(name, colour).encode()))
    painter = QPainter(picture)
    renderer.render(painter)
    painter.end()
    picture.setDevicePixelRatio(2.0)
    return picture


def icon(name: str, colour: str, size: int = 48) -> QIcon:
    return QIcon(pixmap(name, colour, size))
