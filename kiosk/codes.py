"""The terminal's own vocabulary, declared once: the services, and every code a session can end
on (the UI has words for each; tests/unit/test_codes.py checks it)."""

from __future__ import annotations

import enum


class ServiceId(enum.StrEnum):
    ELIGIBILITY = "eligibility"
    ENROLLMENT = "enrollment"
    QUERY = "query"
    PAYMENT = "payment"
    CERTIFICATES = "certificates"
    CARD = "card"
    PROGRESS = "progress"
    """Not a service of its own: following a receipt of any of the others (查进度)."""
