"""Each screen shows its own service's step bar, with the step it is at.

What each service shows is read from its flow's source: every step constructed and every
Activity named in the flow's function and in the functions it calls, however deep (the shared
identification, ID card, face check and receipt). The card services' menu leads to procedures
of their own; each branch of `card_services` is followed on its own. Then:
- every step and activity a service (or card procedure) shows has a place in that service's
  own step bar, declared by the bar (or LAST by the step's screen), never the silent default;
- the shared steps, shown by the real shell in every service that uses them, carry exactly
  that service's step names with the declared one current.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtWidgets import QApplication

import kiosk.services
from kiosk.codes import Code
from kiosk.face.codes import FaceAction
from kiosk.services.cards.steps import CardService
from kiosk.services.catalog import FLOW_MODULES
from kiosk.services.session import ServiceId
from kiosk.services.steps import (
    Activity,
    EnterPin,
    FaceGuidance,
    FaceRetry,
    InsertCard,
    PlaceIdCard,
    Prompt,
    QueuedReceipt,
    TakeCard,
    View,
    Working,
)
from scripts.screenshots import settle
from ui.screens import flow_screens
from ui.screens.base import AnyStep, FlowScreen
from ui.screens.registry import LAST, StepBar
from ui.shell import InFlow, Shell

Function = tuple[str, str]
"""A function of kiosk.services by its module and name."""


def service_modules() -> Iterator[ModuleType]:
    for found in pkgutil.walk_packages(kiosk.services.__path__, "kiosk.services."):
        yield importlib.import_module(found.name)


def step_classes() -> dict[str, type[AnyStep]]:
    classes: dict[str, type[AnyStep]] = {}
    for module in service_modules():
        for name, value in vars(module).items():
            is_step = inspect.isclass(value) and issubclass(value, Prompt | View)
            if is_step and value not in (Prompt, View):
                classes[name] = value
    return classes


@dataclass
class Shows:
    steps: set[type[AnyStep]]
    activities: set[Activity]


class FlowSource:
    """Every function of kiosk.services: what it shows and what it calls, from its source."""

    def __init__(self) -> None:
        self.classes = step_classes()
        self.functions: dict[Function, ast.FunctionDef] = {}
        self.imports: dict[str, dict[str, str]] = {}
        self.methods: set[Function] = set()
        for module in service_modules():
            tree = ast.parse(Path(inspect.getfile(module)).read_text())
            names: dict[str, str] = {}
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.module:
                    for alias in node.names:
                        names[alias.asname or alias.name] = node.module
                if isinstance(node, ast.FunctionDef):
                    self.functions.setdefault((module.__name__, node.name), node)
                if isinstance(node, ast.ClassDef):
                    self.methods |= {
                        (module.__name__, item.name)
                        for item in node.body
                        if isinstance(item, ast.FunctionDef)
                    }
            self.imports[module.__name__] = names

    def callee(self, module: str, name: str) -> Function | None:
        if (module, name) in self.functions:
            return (module, name)
        source = self.imports[module].get(name)
        if source is not None and (source, name) in self.functions:
            return (source, name)
        return None

    def shown_by(self, start: Function) -> Shows:
        """What `start` shows, following its calls. A call that passes a flag as False
        (`identify(s, pin_required=False)`) skips the callee's `if flag:` blocks."""
        shows = Shows(set(), set())
        seen: set[tuple[Function, frozenset[str]]] = set()
        todo: list[tuple[Function, frozenset[str]]] = [(start, frozenset())]
        while todo:
            function, off = todo.pop()
            if (function, off) in seen:
                continue
            seen.add((function, off))
            module = function[0]
            for node in walk_unless(self.functions[function], off):
                if isinstance(node, ast.Name) and node.id in self.classes:
                    shows.steps.add(self.classes[node.id])
                if (
                    isinstance(node, ast.Attribute)
                    and isinstance(node.value, ast.Name)
                    and node.value.id == "Activity"
                ):
                    shows.activities.add(Activity[node.attr])
                if not isinstance(node, ast.Call):
                    continue
                if isinstance(node.func, ast.Name):
                    found = self.callee(module, node.func.id)
                elif isinstance(node.func, ast.Attribute):
                    # A method of a class of the same module (the face check's attempt).
                    method = (module, node.func.attr)
                    found = method if method in self.methods else None
                else:
                    found = None
                if found is not None:
                    flags = frozenset(
                        k.arg
                        for k in node.keywords
                        if k.arg and isinstance(k.value, ast.Constant) and k.value.value is False
                    )
                    todo.append((found, flags))
        return shows

    def card_branches(self) -> dict[CardService, Function]:
        """The function each answer on the card menu runs (card_services' if/elif/else)."""
        module = "kiosk.services.cards.flow"
        branches: dict[CardService, Function] = {}
        node: list[ast.stmt] = self.functions[(module, "card_services")].body
        while node:
            statement = next((s for s in node if isinstance(s, ast.If)), None)
            if statement is None:
                rest = set(CardService) - set(branches)
                assert len(rest) == 1, f"the card menu's else branch: {rest}"
                branches[rest.pop()] = self._first_call(module, node)
                break
            test = statement.test
            assert isinstance(test, ast.Compare) and isinstance(test.comparators[0], ast.Attribute)
            branches[CardService[test.comparators[0].attr]] = self._first_call(
                module, statement.body
            )
            node = statement.orelse
        return branches

    def _first_call(self, module: str, body: list[ast.stmt]) -> Function:
        for statement in body:
            for node in ast.walk(statement):
                if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
                    found = self.callee(module, node.func.id)
                    if found is not None:
                        return found
        raise AssertionError("a card menu branch calls no flow function")


def walk_unless(function: ast.FunctionDef, off: frozenset[str]) -> Iterator[ast.AST]:
    """ast.walk, without the bodies of `if flag:` for the flags in `off`."""
    todo: list[ast.AST] = [function]
    while todo:
        node = todo.pop()
        yield node
        if isinstance(node, ast.If) and isinstance(node.test, ast.Name) and node.test.id in off:
            todo.extend(node.orelse)
            continue
        todo.extend(ast.iter_child_nodes(node))


@dataclass(frozen=True)
class Procedure:
    """A service, or one card procedure, with its step bar and what it shows."""

    label: str
    service: ServiceId
    choice: CardService | None
    bar: StepBar
    shows: Shows


def procedures() -> list[Procedure]:
    source = FlowSource()
    screens = flow_screens()
    found: list[Procedure] = []
    for service, (module, function) in FLOW_MODULES.items():
        start = (f"kiosk.services.{module}.flow", function)
        own = screens.services[service]
        if service is ServiceId.CARD:
            menu = Shows({source.classes["ChooseCardService"]}, set())
            found.append(Procedure("card menu", service, None, own.bar, menu))
            for choice, branch in source.card_branches().items():
                shows = source.shown_by(branch)
                if choice is CardService.REPLACEMENT:
                    shows.steps.add(source.classes["ChooseReplacementReason"])
                bar = own.branch_for(choice)
                assert bar is not None, f"{choice}: no step bar of its own"
                found.append(Procedure(f"card {choice.value}", service, choice, bar, shows))
        else:
            found.append(Procedure(service.value, service, None, own.bar, source.shown_by(start)))
    return found


PROCEDURES = procedures()


def test_the_flows_are_read() -> None:
    """The reading of the sources finds what is known to be there (else every check below
    would pass over nothing)."""
    by_label = {p.label: p for p in PROCEDURES}
    assert {InsertCard, EnterPin, TakeCard} <= by_label["query"].shows.steps
    assert Activity.VERIFYING_PIN in by_label["query"].shows.activities
    assert {PlaceIdCard, FaceGuidance, FaceRetry} <= by_label["card report_loss"].shows.steps
    assert InsertCard not in by_label["card report_loss"].shows.steps
    assert len(by_label) == len(FLOW_MODULES) - 1 + 1 + len(CardService)


@pytest.mark.parametrize("procedure", PROCEDURES, ids=[p.label for p in PROCEDURES])
def test_every_step_shown_has_its_place_in_its_own_bar(procedure: Procedure) -> None:
    screens = flow_screens()
    names = procedure.bar.names()
    unplaced: list[str] = []
    for step in sorted(procedure.shows.steps, key=lambda t: t.__name__):
        if step is Working:
            continue  # placed by its activity, below
        place = procedure.bar.at_step.get(step, screens.screens[step].place)
        if place is None or not (place == LAST or 0 <= place < len(names)):
            unplaced.append(f"{step.__name__}: {place}")
    for activity in sorted(procedure.shows.activities):
        place = procedure.bar.at_activity.get(activity)
        if place is None or not 0 <= place < len(names):
            unplaced.append(f"Working({activity.name}): {place}")
    assert not unplaced, f"{procedure.label} shows, without a place in its bar: {unplaced}"


def queued_kinds(service: ServiceId) -> list[str]:
    """The operations of `service` that may wait in the queue: their receipt ends it."""
    from kiosk.central.operations import WRITE_OPERATIONS

    return [
        kind
        for kind, operation in WRITE_OPERATIONS.items()
        if operation.service is service and operation.operation.may_queue
    ]


def shared_samples(service: ServiceId) -> list[AnyStep]:
    """One of each step the identification, the ID card, the face check and the queue share."""
    return [
        InsertCard(),
        EnterPin(masked_name="张*"),
        TakeCard(),
        PlaceIdCard(),
        FaceGuidance(FaceAction.BLINK, None, 0, 2, 1),
        FaceRetry(2, Code.LIVENESS_TIMEOUT),
        *(
            QueuedReceipt("6212345678901236", kind, datetime.now(UTC))
            for kind in queued_kinds(service)
        ),
        *(Working(activity) for activity in Activity),
    ]


def test_shared_steps_show_the_bar_of_the_service_they_are_part_of(scene_window: Shell) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    screens = flow_screens()
    checked, wrong = 0, []
    for procedure in PROCEDURES:
        names = tuple(procedure.bar.names())
        for step in shared_samples(procedure.service):
            if isinstance(step, Working):
                placed = step.activity in procedure.shows.activities
            else:
                placed = type(step) in procedure.shows.steps
            if not placed:
                continue
            scene_window.show_state(InFlow(1, step, procedure.service, procedure.choice))
            settle(app)
            screen = scene_window.screen_widget
            assert isinstance(screen, FlowScreen)
            expected = screens.place_in(procedure.bar, step, names)
            shown = (screen.step_bar.steps, screen.step_bar.current)
            if shown != (names, expected):
                wrong.append(
                    f"{procedure.label} {step!r}: shows {shown[0]} at {shown[1]}, "
                    f"its own bar is {names} at {expected}"
                )
            checked += 1
    assert checked > 40
    assert not wrong, "\n".join(wrong)
