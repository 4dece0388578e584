"""What the terminal tells the operations centre about itself: a status of codes, counts and
states, never personal data (no name, number, receipt or screen text)."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from devices.base import DeviceStatus
from devices.manager import DeviceClass, DeviceDetail

if TYPE_CHECKING:
    from kiosk.app import Kiosk

SCHEMA = 1
LAST_ERRORS = 5
ERROR_CODE = re.compile(r"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)(?=[: ]|$)")
"""A log line's code (`printer.media_empty: …`); lines that do not start with one are not sent."""
STATUS_RANK = {
    DeviceStatus.ONLINE: 0,
    DeviceStatus.STARTING: 1,
    DeviceStatus.DEVICE_BUSY: 1,
    DeviceStatus.USER_ERROR: 3,
    DeviceStatus.OFFLINE: 4,
    DeviceStatus.POWER_OFF: 4,
    DeviceStatus.NO_DEVICE: 4,
    DeviceStatus.HARDWARE_ERROR: 5,
}
"""How bad a status is, for the worst device: paper low (2) is worse than busy, better than out."""
BAD_MEDIA = {"low": 2, "out": 3, "jammed": 5}


class ServiceState:
    IN_SERVICE = "in_service"
    OUT_OF_SERVICE = "out_of_service"
    OFFLINE = "offline"
    """Only ever in the Last Will (or said by a terminal shutting down)."""


@dataclass(frozen=True)
class StatusSource:
    """Gathers the status from the terminal without asking any device (the monitor's last
    round) or the network."""

    kiosk: Kiosk
    version: str
    serving: Callable[[], bool]
    """Whether a citizen is being served now (the window knows)."""
    started_at: datetime

    def snapshot(self) -> dict[str, Any]:
        from kiosk.logs import recent_log

        kiosk = self.kiosk
        availability = kiosk.availability()
        details = kiosk.device_manager.details()
        queue = kiosk.queue
        devices = {c.value: _device(d) for c, d in details.items() if d is not None}
        return {
            "schema": SCHEMA,
            "terminal": kiosk.settings.central.terminal_id,
            "state": ServiceState.OUT_OF_SERVICE
            if availability.out_of_service
            else ServiceState.IN_SERVICE,
            "version": self.version,
            "role": kiosk.settings.kiosk.role,
            "vendor": availability.vendor.value,
            "closed_remotely": availability.closed_remotely,
            "backoff": availability.backoff is not None,
            "serving": self.serving(),
            "devices": devices,
            "worst": worst_device(details),
            "queue": None if queue is None else _queue(queue.outbox.status()),
            "central_online": kiosk.online,
            "errors": last_error_codes(line.text for line in recent_log().lines(at_least=30)),
            "started_at": self.started_at.isoformat(timespec="seconds"),
            "at": datetime.now(UTC).isoformat(timespec="seconds"),
        }


def offline_status(terminal_id: str) -> dict[str, Any]:
    """The Last Will, and what a terminal shutting down says itself."""
    return {"schema": SCHEMA, "terminal": terminal_id, "state": ServiceState.OFFLINE}


def news(before: Mapping[str, Any] | None, now: Mapping[str, Any]) -> bool:
    """Whether `now` says something `before` did not (its volatile fields aside)."""
    return before is None or _steady(before) != _steady(now)


def _steady(status: Mapping[str, Any]) -> dict[str, Any]:
    """Without the fields that change by themselves: the time and the queue's oldest age."""
    steady = {k: v for k, v in status.items() if k != "at"}
    if isinstance(steady.get("queue"), dict):
        steady["queue"] = {k: v for k, v in steady["queue"].items() if k != "oldest_s"}
    return steady


def _device(detail: DeviceDetail) -> dict[str, Any]:
    counts = detail.counts
    last = counts.last_fault
    return {
        "driver": detail.driver,
        "status": detail.status.value if detail.status is not None else None,
        "media": detail.media,
        "counters": dict(counts.counters),
        "faults": counts.faults,
        "last_fault": None if last is None else last.code,
    }


def worst_device(details: Mapping[DeviceClass, DeviceDetail | None]) -> dict[str, str] | None:
    """The device in the worst state (its status, or its media: paper out), None if all work."""
    worst: tuple[int, str, str] | None = None
    for device_class, detail in details.items():
        if detail is None or detail.status is None:
            continue
        rank, state = STATUS_RANK.get(detail.status, 0), detail.status.value
        media_rank = BAD_MEDIA.get(detail.media or "", 0)
        if media_rank > rank:
            rank, state = media_rank, f"media_{detail.media}"
        if rank >= 2 and (worst is None or rank > worst[0]):
            worst = (rank, device_class.value, state)
    return None if worst is None else {"device": worst[1], "state": worst[2]}


def _queue(status: Any) -> dict[str, Any]:
    from offline_queue.store import EntryState

    counts = status.counts
    return {
        "open": counts[EntryState.PENDING] + counts[EntryState.LEASED],
        "dead": counts[EntryState.DEAD],
        "oldest_s": None if status.oldest_open_age_s is None else round(status.oldest_open_age_s),
    }


def last_error_codes(lines: Any) -> list[str]:
    """The codes of the newest warnings and errors, newest first, each once."""
    codes: list[str] = []
    for text in lines:
        found = ERROR_CODE.match(text)
        if found and found.group(1) not in codes:
            codes.append(found.group(1))
            if len(codes) == LAST_ERRORS:
                break
    return codes
