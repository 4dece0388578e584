"""The fleet's topic layout, one tree per terminal: `sheyin/v1/<terminal_id>/<channel>`.

The broker's ACL (packaging/mosquitto/sheyin-acl.example) confines a terminal to its own tree,
by the CN of its client certificate, which is its terminal id."""

from __future__ import annotations

import enum
import re

ROOT = "sheyin/v1"
TERMINAL_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")
"""An id that is one topic level: no `/`, and none of MQTT's wildcards `+` and `#`."""


class Channel(enum.StrEnum):
    STATUS = "status"
    """Retained: the terminal's latest status, or its Last Will (offline)."""
    EVENTS = "events"
    """Help requests and device faults, as they happen."""
    COMMANDS = "commands"
    """Signed commands from the operations centre (the only channel a terminal reads)."""
    REPLIES = "replies"
    """received → executing → done / failed, or refused, for each command."""


class BadTerminalId(ValueError):
    pass


def topic(terminal_id: str, channel: Channel) -> str:
    if not TERMINAL_ID.fullmatch(terminal_id):
        raise BadTerminalId("fleet.bad_terminal_id")
    return f"{ROOT}/{terminal_id}/{channel.value}"


def every_terminal(channel: Channel) -> str:
    """The subscription to one channel of every terminal."""
    return f"{ROOT}/+/{channel.value}"


def parse(topic_name: str) -> tuple[str, Channel] | None:
    """(terminal id, channel) of a fleet topic; None for anything else."""
    parts = topic_name.split("/")
    if len(parts) != 4 or "/".join(parts[:2]) != ROOT:
        return None
    try:
        return parts[2], Channel(parts[3])
    except ValueError:
        return None
