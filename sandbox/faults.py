"""Fault injection for tests and demos: a failing, slow or answer-losing central system.

Set with `sheyin sandbox --fail-next/--latency-ms/--drop-next` or at run time through
`PUT /_sandbox/faults`, which answers only on loopback. `only_path` aims the faults at one
route (the offline queue's health probe would otherwise take 503s meant for a write), and
`GET /_sandbox/faults` says, besides the settings, which request each injected fault was
served to since they were last set: a test of retries reads there that its faults happened.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections import deque
from ipaddress import ip_address
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Request
from pydantic import BaseModel, ConfigDict, Field
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sandbox.http import ProblemError

FAULTS_PATH = "/_sandbox/faults"


class FaultSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fail_next: Annotated[int, Field(ge=0)] = 0
    """The next N API requests are answered 503 without being applied."""
    latency_ms: Annotated[int, Field(ge=0, le=120_000)] = 0
    """Every API request waits this long before it is handled."""
    drop_next: Annotated[int, Field(ge=0)] = 0
    """The next N writes are applied, then the connection is closed before the answer's body:
    the case the Idempotency-Key exists for."""
    only_path: Annotated[str, Field(pattern=r"^/api(/[!-~]*)?$", max_length=256)] | None = None
    """The faults reach only requests to this path or below it, by whole segments
    (`/api/v1/card-applications` covers `/api/v1/card-applications/{id}/outcomes`, but
    `/api/v1/card` does not cover `/api/v1/card-loss-reports`); None: every /api/ request.
    Other requests are not slowed and use up no fail_next or drop_next."""


FaultKind = Literal["fail", "drop", "latency"]

MAX_SERVED = 1000
"""Served faults kept (the oldest go first): a long latency run must not grow without end."""


class ServedFault(BaseModel):
    """One injected fault and the request it was served to."""

    fault: FaultKind
    method: str
    path: str


class FaultReport(FaultSettings):
    """The settings (what is left of the counts) and the faults served since they were set."""

    served: list[ServedFault]


def covers(only_path: str | None, path: str) -> bool:
    """Whether a fault aimed at `only_path` reaches a request to `path`."""
    if only_path is None:
        return True
    aim = only_path.rstrip("/")
    return path == aim or path.startswith(aim + "/")


class AnswerDropped(Exception):
    """Raised after a write was applied, to make the server close the connection."""


class Faults:
    def __init__(self, initial: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self._settings = initial or FaultSettings()
        self._served: deque[ServedFault] = deque(maxlen=MAX_SERVED)

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return self._settings

    def report(self) -> FaultReport:
        with self._lock:
            return FaultReport(**self._settings.model_dump(), served=list(self._served))

    def set(self, settings: FaultSettings) -> None:
        """New settings; the record of served faults starts anew with them."""
        with self._lock:
            self._settings = settings
            self._served.clear()

    def _take(self, field: str, fault: FaultKind, method: str, path: str) -> bool:
        with self._lock:
            left = getattr(self._settings, field)
            if left <= 0 or not covers(self._settings.only_path, path):
                return False
            self._settings = self._settings.model_copy(update={field: left - 1})
            self._served.append(ServedFault(fault=fault, method=method, path=path))
            return True

    def take_failure(self, method: str, path: str) -> bool:
        """Whether this request is to be answered 503 (and, if so, recorded as served one)."""
        return self._take("fail_next", "fail", method, path)

    def take_drop(self, method: str, path: str) -> bool:
        """Whether this write's answer is to be lost (and, if so, recorded as served one)."""
        return self._take("drop_next", "drop", method, path)

    def take_latency(self, method: str, path: str) -> int:
        """Milliseconds this request is to wait (recorded when more than none)."""
        with self._lock:
            latency = self._settings.latency_ms
            if not latency or not covers(self._settings.only_path, path):
                return 0
            self._served.append(ServedFault(fault="latency", method=method, path=path))
            return latency


class FaultInjection:
    """ASGI middleware in front of the sandbox's API routes."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        method, path = scope["method"], scope["path"]
        latency = self.faults.take_latency(method, path)
        if latency:
            await asyncio.sleep(latency / 1000)
        if self.faults.take_failure(method, path):
            await _send_unavailable(send)
            return
        if method == "POST" and self.faults.take_drop(method, path):

            async def swallow(_: Message) -> None:
                return None

            await self.app(scope, receive, swallow)  # applied and committed
            # The server writes the status line once a response starts; closing before the
            # body is the nearest a server gets to a connection lost on the way back.
            await send(
                {
                    "type": "http.response.start",
                    "status": 200,
                    "headers": [(b"content-length", b"64"), (b"content-type", b"application/json")],
                }
            )
            raise AnswerDropped()
        await self.app(scope, receive, send)


async def _send_unavailable(send: Send) -> None:
    body = json.dumps(
        {
            "type": "about:blank",
            "title": "Service unavailable",
            "status": 503,
            "code": "sandbox.fault_injected",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 503,
            "headers": [
                (b"content-type", b"application/problem+json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class QuietDroppedAnswers(logging.Filter):
    """The server logs an exception for every dropped answer; those are on purpose."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not (record.exc_info and isinstance(record.exc_info[1], AnswerDropped))


def loopback_only(request: Request) -> None:
    """The sandbox's own controls (faults, reviews) answer only on loopback."""

    host = request.client.host if request.client else ""
    try:
        allowed = ip_address(host).is_loopback
    except ValueError:
        allowed = False
    if not allowed:
        raise ProblemError("auth.terminal_unknown", "sandbox controls answer on loopback only")


def faults_router(faults: Faults) -> APIRouter:
    router = APIRouter()

    @router.get(FAULTS_PATH, response_model=FaultReport)
    def get_faults(request: Request) -> FaultReport:
        loopback_only(request)
        return faults.report()

    @router.put(FAULTS_PATH, response_model=FaultSettings)
    def put_faults(request: Request, settings: FaultSettings) -> FaultSettings:
        loopback_only(request)
        faults.set(settings)
        return settings

    return router


def set_faults(base_url: str, **settings: Any) -> FaultSettings:
    """For tests and demos: sets the sandbox's faults over HTTP."""
    import requests

    response = requests.put(
        base_url + FAULTS_PATH, json=FaultSettings(**settings).model_dump(), timeout=5
    )
    response.raise_for_status()
    return FaultSettings.model_validate(response.json())


def served_faults(base_url: str) -> FaultReport:
    """For tests: the sandbox's fault settings and the faults it has served since they were
    set."""
    import requests

    response = requests.get(base_url + FAULTS_PATH, timeout=5)
    response.raise_for_status()
    return FaultReport.model_validate(response.json())
