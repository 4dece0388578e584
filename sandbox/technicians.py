"""Technician logins: a number and PIN checked against the sandbox's demo technicians."""

from __future__ import annotations

import hmac

from fastapi import APIRouter

from kiosk.central import models as m
from sandbox.credentials import DEMO_TECHNICIANS
from sandbox.http import ProblemError, Terminal, now

TECHNICIAN_LOGINS_PATH = "/api/v1/technician-logins"


def technicians_router() -> APIRouter:
    router = APIRouter()

    @router.post(TECHNICIAN_LOGINS_PATH, response_model=m.TechnicianGrant)
    def technician_login(body: m.TechnicianLoginRequest, _: Terminal) -> m.TechnicianGrant:
        known = DEMO_TECHNICIANS.get(body.technician_id, "")
        # Compared in constant time, and the same answer for an unknown number.
        if not hmac.compare_digest(known.encode(), body.pin.encode()) or not known:
            raise ProblemError("technician.refused")
        return m.TechnicianGrant(technician_id=body.technician_id, granted_at=now())

    return router
