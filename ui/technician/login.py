"""The technician's login: the number is T and four digits (ui.screens.login)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from kiosk.roles import technician as codes
from ui.i18n import tr
from ui.i18n.format import date_time
from ui.screens.login import LoginScreen


def refusal_words(code: str, until: datetime | None) -> str:
    if code == codes.LOCKED_OUT and until is not None:
        return tr("Too many wrong logins. The login is locked until {time}.").format(
            time=date_time(until)
        )
    return {
        codes.REFUSED: lambda: tr("The technician number or PIN is not right."),
        codes.OFFLINE_UNKNOWN: lambda: tr(
            "The kiosk is offline and has not seen this technician online yet."
        ),
        codes.OFFLINE_EXPIRED: lambda: tr(
            "The kiosk is offline and this technician's last online login is too long ago."
        ),
    }.get(code, lambda: tr("The login did not work. Please try again."))()


class TechnicianLoginScreen(LoginScreen):
    def __init__(
        self,
        on_login: Callable[[str, str], None],
        on_cancel: Callable[[], None],
        refused: str = "",
        until: datetime | None = None,
    ) -> None:
        super().__init__(
            title=tr("Technician login"),
            prefix="T",
            number_name=tr("Technician number"),
            number_instruction=tr("Type your technician number: the four digits after T"),
            refusal=refusal_words(refused, until) if refused else "",
            on_login=on_login,
            on_cancel=on_cancel,
        )

    @property
    def technician_id(self) -> str:
        return self.user_id
