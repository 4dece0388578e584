"""The kiosk's screens: attract, home and outcome, and one module per service.

`registries()` is the one list of the screen modules' declarations (ui.screens.registry), which
the shell merges once (`flow_screens()`). Adding a screen touches its module's `SCREENS`, not
this list; adding a screen module adds one line here.
"""

from __future__ import annotations

import functools
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ui.screens.registry import FlowScreens, ScreenRegistry


def registries() -> tuple[ScreenRegistry, ...]:
    """Every screen module's registry. The modules are imported with the first step of a
    service, not with the first screen: the attract and home screens need none of them."""
    from ui.screens import (
        card,
        card_loss,
        certificates,
        eligibility,
        enrollment,
        identify,
        payment,
        query,
        receipts,
    )

    return (
        identify.SCREENS,
        query.SCREENS,
        eligibility.SCREENS,
        enrollment.SCREENS,
        payment.SCREENS,
        certificates.SCREENS,
        card.SCREENS,
        card_loss.SCREENS,
        receipts.SCREENS,
    )


@functools.cache
def flow_screens() -> FlowScreens:
    """Every flow screen, merged once; a step type declared twice stops the merge."""
    from ui.screens.registry import merge

    return merge(registries())
