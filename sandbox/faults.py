"""Fault injection for tests and demos: a failing, slow or answer-losing central system.

Set with `sheyin sandbox --fail-next/--latency-ms/--drop-next` or at run time through
`PUT /_sandbox/faults`, which answers only on loopback.
"""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from ipaddress import ip_address
from typing import Annotated, Any

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


class AnswerDropped(Exception):
    """Raised after a write was applied, to make the server close the connection."""


class Faults:
    def __init__(self, initial: FaultSettings | None = None) -> None:
        self._lock = threading.Lock()
        self._settings = initial or FaultSettings()

    @property
    def settings(self) -> FaultSettings:
        with self._lock:
            return self._settings

    def set(self, settings: FaultSettings) -> None:
        with self._lock:
            self._settings = settings

    def _take(self, field: str) -> bool:
        with self._lock:
            left = getattr(self._settings, field)
            if left <= 0:
                return False
            self._settings = self._settings.model_copy(update={field: left - 1})
            return True

    def take_failure(self) -> bool:
        return self._take("fail_next")

    def take_drop(self) -> bool:
        return self._take("drop_next")


class FaultInjection:
    """ASGI middleware in front of the sandbox's API routes."""

    def __init__(self, app: ASGIApp, faults: Faults) -> None:
        self.app = app
        self.faults = faults

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        latency = self.faults.settings.latency_ms
        if latency:
            await asyncio.sleep(latency / 1000)
        if self.faults.take_failure():
            await _send_unavailable(send)
            return
        if scope["method"] == "POST" and self.faults.take_drop():

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

    @router.get(FAULTS_PATH, response_model=FaultSettings)
    def get_faults(request: Request) -> FaultSettings:
        loopback_only(request)
        return faults.settings

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
