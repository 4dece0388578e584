"""The technician screens' words for the device checks, their facts, the counters, the media
and the log levels. Codes stay codes (a technician reads them to the vendor's hotline); what
they are about is said in words."""

from __future__ import annotations

import logging

from devices.base import DeviceCounts, DeviceStatus
from devices.manager import DeviceClass
from kiosk.roles.device_checks import CheckResult, DeviceCheck
from ui.i18n import tr
from ui.i18n.format import date_time


def check_name(check: DeviceCheck) -> str:
    return {
        DeviceCheck.SELF_TEST: lambda: tr("Self-test"),
        DeviceCheck.READ_CARD: lambda: tr("Read a card"),
        DeviceCheck.READ_ID_CARD: lambda: tr("Read an ID card"),
        DeviceCheck.CAMERA: lambda: tr("Camera preview"),
        DeviceCheck.TEST_PAGE: lambda: tr("Print a test page"),
        DeviceCheck.TEST_RECEIPT: lambda: tr("Print a test receipt"),
        DeviceCheck.PIN_PAD: lambda: tr("Test the PIN pad"),
        DeviceCheck.FEED_AND_RETAIN: lambda: tr("Feed test (uses one blank card)"),
        DeviceCheck.RESET: lambda: tr("Reset (after clearing a jam)"),
    }[check]()


def check_hint(check: DeviceCheck) -> str:
    """What the technician does for the check, shown while it runs."""
    return {
        DeviceCheck.READ_CARD: lambda: tr("Reading the card in the reader…"),
        DeviceCheck.READ_ID_CARD: lambda: tr("Reading the ID card on the reader…"),
        DeviceCheck.TEST_PAGE: lambda: tr("Printing one A4 page…"),
        DeviceCheck.TEST_RECEIPT: lambda: tr("Printing a receipt…"),
        DeviceCheck.FEED_AND_RETAIN: lambda: tr("Feeding a blank card into the reject bin…"),
        DeviceCheck.RESET: lambda: tr("Resetting the card path…"),
    }.get(check, lambda: tr("Testing…"))()


def fact_name(fact: str) -> str:
    return {
        "atr": lambda: tr("ATR"),
        "ssse": lambda: tr("SSSE application"),
        "holder": lambda: tr("Holder"),
        "number": lambda: tr("ID number"),
        "card": lambda: tr("Card number"),
        "expiry": lambda: tr("Expires"),
        "photo_bytes": lambda: tr("Photo (bytes)"),
        "valid_to": lambda: tr("Valid to"),
        "fps": lambda: tr("Frames a second"),
        "condition": lambda: tr("Picture"),
        "face": lambda: tr("Face seen"),
        "job": lambda: tr("Print job"),
        "pages": lambda: tr("Pages"),
        "digits": lambda: tr("Digits typed"),
        "block": lambda: tr("PIN block"),
        "retained": lambda: tr("Card retained"),
        "state": lambda: tr("State"),
        "paper": lambda: tr("Paper"),
    }.get(fact, lambda: counter_name(fact))()


def counter_name(counter: str) -> str:
    return {
        "cards_read": lambda: tr("Cards read"),
        "jobs_printed": lambda: tr("Jobs printed"),
        "pages_printed": lambda: tr("Pages printed"),
        "slips_printed": lambda: tr("Slips printed"),
        "cards_fed": lambda: tr("Cards fed"),
        "cards_issued": lambda: tr("Cards issued"),
        "cards_retained": lambda: tr("Cards retained"),
        "hopper": lambda: tr("Cards in the hopper"),
        "reject_bin": lambda: tr("Cards in the reject bin"),
        "starts": lambda: tr("Times started"),
        "entries": lambda: tr("PIN entries"),
    }.get(counter, lambda: counter)()


def media_words(media: str | None, device: DeviceClass | None = None) -> str:
    if device is DeviceClass.CARD_ISSUER and media in ("present", "notPresent"):
        # The issuer's media is the card in its transport, not the cards in its hopper.
        if media == "present":
            return tr("card in the transport")
        return tr("transport clear")
    return {
        "present": lambda: tr("card inside"),
        "notPresent": lambda: tr("no card inside"),
        "jammed": lambda: tr("card jammed"),
        "ok": lambda: tr("paper OK"),
        "low": lambda: tr("paper low"),
        "out": lambda: tr("paper out"),
    }.get(media or "", lambda: "–")()


def status_words(status: DeviceStatus | None) -> str:
    """XFS4IoT's value, as vendors' tools show it, and what it means."""
    if status is None:
        return tr("not known yet")
    meaning = {
        DeviceStatus.ONLINE: lambda: tr("working"),
        DeviceStatus.OFFLINE: lambda: tr("not answering"),
        DeviceStatus.POWER_OFF: lambda: tr("switched off"),
        DeviceStatus.NO_DEVICE: lambda: tr("not connected"),
        DeviceStatus.HARDWARE_ERROR: lambda: tr("hardware fault"),
        DeviceStatus.USER_ERROR: lambda: tr("needs attention"),
        DeviceStatus.DEVICE_BUSY: lambda: tr("busy"),
        DeviceStatus.STARTING: lambda: tr("starting"),
    }[status]()
    return f"{meaning} ({status.value})"


def fault_words(counts: DeviceCounts) -> str:
    if counts.last_fault is None:
        return tr("No faults since start")
    return tr("{count} fault(s) since start; last {code} at {time}").format(
        count=counts.faults, code=counts.last_fault.code, time=date_time(counts.last_fault.at)
    )


def counter_words(counts: DeviceCounts) -> str:
    return " · ".join(f"{counter_name(name)} {value}" for name, value in counts.counters)


def fact_value(value: str) -> str:
    """The few values that are words, not codes or numbers."""
    return {
        "yes": lambda: tr("yes"),
        "no": lambda: tr("no"),
        "selected": lambda: tr("selected"),
        "ok": lambda: tr("normal"),
    }.get(value, lambda: value)()


def result_words(result: CheckResult) -> str:
    facts = " · ".join(f"{fact_name(fact)} {fact_value(value)}" for fact, value in result.facts)
    verdict = tr("Passed") if result.passed else tr("Failed: {code}").format(code=result.code)
    return f"{verdict}\n{facts}" if facts else verdict


LEVELS = (logging.INFO, logging.WARNING, logging.ERROR)


def level_name(level: int) -> str:
    if level >= logging.ERROR:
        return tr("Error")
    if level >= logging.WARNING:
        return tr("Warning")
    return tr("Info")
