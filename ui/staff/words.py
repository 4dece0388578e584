"""The staff screens' words for the core's codes: refusals, entry kinds, entry states."""

from __future__ import annotations

from datetime import datetime

from kiosk.roles import staff as codes
from ui.i18n import tr
from ui.i18n.format import date_time
from ui.i18n.texts import error_text


def refusal_words(code: str, until: datetime | None = None, offline_days: int = 0) -> str:
    if code == codes.LOCKED_OUT and until is not None:
        return tr("Too many wrong PINs. The login is locked until {time}.").format(
            time=date_time(until)
        )
    return {
        codes.REFUSED: lambda: tr("The staff number or PIN is not right."),
        codes.OFFLINE_UNKNOWN: lambda: tr(
            "This laptop is offline and has not seen this staff number online yet. Connect to "
            "a network once (a phone's hotspot will do) and log in."
        ),
        codes.OFFLINE_EXPIRED: lambda: tr(
            "This laptop is offline and your last online login here was more than {days} days "
            "ago. Connect to a network once (a phone's hotspot will do) and log in; then you "
            "can work offline again."
        ).format(days=offline_days),
    }.get(code, lambda: tr("The login did not work. Please try again."))()


def logged_out_words(reason: str) -> str:
    """Why the login screen is shown again ("" for a first login or a manual logout)."""
    if reason == "day_end":
        return tr("The working day has ended and you were logged out. What you did is kept.")
    return ""


def refused_entry_words(code: str | None) -> str:
    """The central system's reason for refusing a queued entry, in words."""
    if not code:
        return tr("Refused; no reason given.")
    return error_text(code).title


def identity_words(identity: str) -> str:
    """How the citizen was identified, as the visit journal keeps it."""
    method, _, reason = identity.partition(":")
    if method == "staff_confirmed":
        return tr("Confirmed by staff with a face check ({reason})").format(
            reason=confirmation_reason_words(reason)
        )
    return {
        "card_pin": lambda: tr("Card and PIN"),
        "card": lambda: tr("Card"),
        "id_card": lambda: tr("ID card"),
        "id_card_face": lambda: tr("ID card and face check"),
    }.get(method, lambda: "–")()


def confirmation_reason_words(reason: str) -> str:
    return {
        "bedridden": lambda: tr("bedridden"),
        "cannot_use_hands": lambda: tr("cannot use their hands"),
        "cannot_see": lambda: tr("cannot see the keypad"),
    }.get(reason, lambda: reason)()


def outcome_words(outcome: str) -> str:
    """A visit's outcome: done, ended, or what went wrong in the error screen's words."""
    known = {
        "completed": lambda: tr("Done"),
        "cancelled": lambda: tr("Ended before the end"),
        "idle": lambda: tr("Ended: nobody was using it"),
        "card_removed": lambda: tr("Ended: the card was taken out"),
        "staff_logout": lambda: tr("Ended: logged out"),
        "shutdown": lambda: tr("Ended: the program closed"),
    }.get(outcome)
    if known is not None:
        return known()
    return tr("Not done: {reason}").format(reason=error_text(outcome).title)


def receipt_state_words(state: str, reason: str | None) -> str:
    return {
        "waiting": lambda: tr("waiting to be sent"),
        "delivered": lambda: tr("delivered"),
        "refused": lambda: tr("refused: {reason}").format(reason=refused_entry_words(reason)),
    }.get(state, lambda: tr("not on this laptop"))()
