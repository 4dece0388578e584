"""What a screen module declares, and the shell's merge of all of them.

Each `ui/screens/<service>.py` ends with a `SCREENS = ScreenRegistry(...)`: the step types it
renders, each with a screen class built as `Screen(step, ctx)`, and, for a service, its step
bar (`ServiceScreens`). The shell merges every module's registry once (ui.screens.flow_screens)
and looks a step's screen up by the step's type; the step bar comes from the service that is
running, so a shared step (the card, the PIN, the face check) shows the steps of the service
it is part of.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

from kiosk.services.session import ServiceId
from kiosk.services.steps import Activity, Working
from ui.screens.base import AnyStep, Screen, ScreenContext

S = TypeVar("S", bound=AnyStep)

LAST = -1
"""A place in a step bar: its last step, however many the service has (take the card, keep
the receipt)."""


@dataclass(frozen=True)
class ScreenFor(Generic[S]):
    """One step type and the screen that renders it."""

    step: type[S]
    build: Callable[[S, ScreenContext], Screen]
    """Usually the screen class itself: `__init__(self, step, ctx)`."""
    place: int | None = None
    """Where the step sits in any service's step bar that does not place it itself (LAST for
    taking the card); None: at the start."""


@dataclass(frozen=True)
class StepBar:
    """One row of step names and where each step and each Working activity of a flow falls."""

    names: Callable[[], Sequence[str]]
    """The names, translated when the screen is built (the language may have changed)."""
    at_step: Mapping[type[AnyStep], int] = field(default_factory=dict)
    at_activity: Mapping[Activity, int] = field(default_factory=dict)

    def place_of(self, step: AnyStep) -> int | None:
        if isinstance(step, Working):
            return self.at_activity.get(step.activity)
        return self.at_step.get(type(step))


@dataclass(frozen=True)
class ServiceScreens:
    """A service's step bar. A service whose menu leads to procedures of different steps (the
    card services) names a bar per menu answer: once the citizen has chosen, the branch's bar
    replaces the main one until the menu is asked again."""

    service: ServiceId
    bar: StepBar
    branches: Mapping[Hashable, StepBar] = field(default_factory=dict)

    def branch_for(self, answer: object) -> StepBar | None:
        return self.branches.get(answer) if isinstance(answer, Hashable) else None


@dataclass(frozen=True)
class ScreenRegistry:
    """One screen module's declaration."""

    screens: tuple[ScreenFor[Any], ...]
    services: tuple[ServiceScreens, ...] = ()


class DuplicateScreen(ValueError):
    """Two registries declare the same step type or the same service."""


@dataclass(frozen=True)
class FlowScreens:
    """Every registry merged: a step type's screen, a service's step bar."""

    screens: Mapping[type[AnyStep], ScreenFor[Any]]
    services: Mapping[ServiceId, ServiceScreens]
    declared_by: Mapping[type[AnyStep], ScreenRegistry]
    """The registry that declared each step type (its own service's bar is the fallback for a
    step shown outside any service, as on a screenshot)."""

    def screen_for(self, step: AnyStep) -> ScreenFor[Any]:
        found = self.screens.get(type(step))
        if found is None:
            raise TypeError(f"no screen for {type(step).__name__}")
        return found

    def place_in(self, bar: StepBar, step: AnyStep, names: Sequence[str]) -> int:
        """The index of the step in `bar`'s names: the bar's own place for it, else the
        screen's default, else the first step."""
        place = bar.place_of(step)
        if place is None:
            place = self.screen_for(step).place
        if place is None or not names:
            return 0
        return place % len(names) if place < 0 else min(place, len(names) - 1)


def merge(registries: Iterable[ScreenRegistry]) -> FlowScreens:
    """Merges the registries; a step type or a service declared twice is a mistake."""
    screens: dict[type[AnyStep], ScreenFor[Any]] = {}
    declared_by: dict[type[AnyStep], ScreenRegistry] = {}
    services: dict[ServiceId, ServiceScreens] = {}
    for registry in registries:
        for entry in registry.screens:
            if entry.step in screens:
                raise DuplicateScreen(f"{entry.step.__name__} has two screens")
            screens[entry.step] = entry
            declared_by[entry.step] = registry
        for service in registry.services:
            if service.service in services:
                raise DuplicateScreen(f"service {service.service} declared twice")
            services[service.service] = service
    return FlowScreens(screens, services, declared_by)
