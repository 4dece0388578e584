"""Staff logins: a number and PIN checked against the sandbox's demo staff."""

from __future__ import annotations

import hmac

from fastapi import APIRouter

from kiosk.central import models as m
from sandbox.credentials import DEMO_STAFF
from sandbox.http import ProblemError, Terminal, now

STAFF_LOGINS_PATH = "/api/v1/staff-logins"
DEMO_BRANCH = "demo-branch"


def staff_router() -> APIRouter:
    router = APIRouter()

    @router.post(STAFF_LOGINS_PATH, response_model=m.StaffGrant)
    def staff_login(body: m.StaffLoginRequest, _: Terminal) -> m.StaffGrant:
        known = DEMO_STAFF.get(body.staff_id, "")
        # Compared in constant time, and the same answer for an unknown number.
        if not hmac.compare_digest(known.encode(), body.pin.encode()) or not known:
            raise ProblemError("staff.refused")
        return m.StaffGrant(staff_id=body.staff_id, granted_at=now(), branch=DEMO_BRANCH)

    return router
