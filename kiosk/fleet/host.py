"""What the fleet agent needs from the program it runs in: whether a citizen is being served,
the screen, and a restart. The window provides it (ui/fleet.py)."""

from __future__ import annotations

from typing import Protocol

NO_SCREEN = "fleet.no_screen"
CITIZEN_SCREEN = "fleet.citizen_screen"
"""A screenshot is refused while a citizen's screen is up: only attract and 暂停服务 are shown."""


class HostRefused(Exception):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


class Host(Protocol):
    def serving(self) -> bool:
        """A citizen is being served (a session runs); thread-safe."""
        ...

    def service_changed(self) -> None:
        """The remote closure changed: the screens show it (no citizen's session is cut)."""
        ...

    def screenshot(self) -> bytes:
        """A PNG of the screen, if it is the attract or the 暂停服务 screen; raises HostRefused
        (CITIZEN_SCREEN, NO_SCREEN) otherwise."""
        ...

    def restart(self) -> None:
        """Ends the application once no citizen is being served, to be started again (by the
        service manager, or by itself outside one); raises HostRefused if it cannot."""
        ...
