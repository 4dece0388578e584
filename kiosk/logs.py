"""The terminal's log: its handlers, a filter that takes personal data out of every record before
any handler writes it, and the last few hundred records kept for the technician's screen.

Log lines are written with codes, not people; the filter is the second line of defence, for
what a library or a careless line lets through: a resident ID number, a card or account number,
a mobile number."""

from __future__ import annotations

import collections
import logging
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from devices.manager import DeviceClass

KEPT = 500
"""Records the technician's screen can show."""
PERSONAL = re.compile(r"(?<![0-9A-Za-z])(?:\d{17}[\dXx]|\d{11,19})(?![0-9A-Za-z])")
"""An ID number (17 digits and a check character), or a run of 11 to 19 digits: mobile, card
and account numbers. Shorter runs (dates, amounts, counts, ports) stay."""
REDACTED = "[redacted]"
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
DEVICE_OF_LOGGER = (
    ("devices.smartcard", DeviceClass.CARD_READER),
    ("devices.idcard", DeviceClass.IDCARD_READER),
    ("devices.camera", DeviceClass.CAMERA),
    ("devices.printer.receipt", DeviceClass.RECEIPT_PRINTER),
    ("devices.printer", DeviceClass.PRINTER),
    ("devices.pinpad", DeviceClass.PINPAD),
    ("devices.card_issuer", DeviceClass.CARD_ISSUER),
)
"""Longest prefix first."""
DEVICE_NAMED = re.compile(r"\b(" + "|".join(c.value for c in DeviceClass) + r")\b")


def redact(text: str) -> str:
    return PERSONAL.sub(REDACTED, text)


class PersonalDataFilter(logging.Filter):
    """Put on a handler, it rewrites each record's message (and traceback) without personal
    data; it drops nothing."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # arguments that do not fit the format: the handler reports it
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        return True


@dataclass(frozen=True)
class LogLine:
    at: datetime
    level: int
    logger: str
    device: DeviceClass | None
    """The device the record is about: its driver's logger, or its class named in the text."""
    text: str


def device_of(logger: str, text: str) -> DeviceClass | None:
    for prefix, device in DEVICE_OF_LOGGER:
        if logger == prefix or logger.startswith(prefix + "."):
            return device
    named = DEVICE_NAMED.search(text)
    return DeviceClass(named.group(1)) if named else None


class RecentLog(logging.Handler):
    """The newest records, kept in memory, for the technician's log screen."""

    def __init__(self, kept: int = KEPT) -> None:
        super().__init__(logging.INFO)
        self.addFilter(PersonalDataFilter())
        self._lines: collections.deque[LogLine] = collections.deque(maxlen=kept)
        self._lines_lock = threading.Lock()

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_text:
                text += " | " + record.exc_text.strip().splitlines()[-1]
            line = LogLine(
                datetime.fromtimestamp(record.created, UTC),
                record.levelno,
                record.name,
                device_of(record.name, text),
                text,
            )
        except Exception:
            self.handleError(record)
            return
        with self._lines_lock:
            self._lines.append(line)

    def lines(
        self, *, at_least: int = logging.INFO, device: DeviceClass | None = None
    ) -> list[LogLine]:
        """Newest first, at `at_least` or above, about `device` when given."""
        with self._lines_lock:
            kept = list(self._lines)
        return [
            line
            for line in reversed(kept)
            if line.level >= at_least and (device is None or line.device is device)
        ]


_recent_lock = threading.Lock()


def recent_log() -> RecentLog:
    """The one recent-records handler, on the root logger from the first call on."""
    root = logging.getLogger()
    with _recent_lock:
        for handler in root.handlers:
            if isinstance(handler, RecentLog):
                return handler
        recent = RecentLog()
        root.addHandler(recent)
        return recent


def file_handler(path: Path) -> logging.Handler:
    path.parent.mkdir(parents=True, exist_ok=True)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(PersonalDataFilter())
    return handler


def configure(level: str, file: str | None) -> None:
    """The terminal's logging: to standard error (the journal) and to `file` when set, both
    through the personal-data filter, and the recent records kept for the technician."""
    stream = logging.StreamHandler()
    stream.setFormatter(logging.Formatter(FORMAT))
    stream.addFilter(PersonalDataFilter())
    handlers: list[logging.Handler] = [stream]
    if file:
        handlers.append(file_handler(Path(file)))
    logging.basicConfig(level=level, handlers=handlers, force=True)
    recent_log()
