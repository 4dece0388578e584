"""The contract models: strict requests, tolerant replies, fen and patterns."""

from datetime import UTC, datetime

import pytest
from pydantic import ValidationError

from kiosk.central import models as m
from kiosk.central.errors import PROBLEM_CODES, CentralRejected

RECEIPT = "4000000000000002"


def test_requests_reject_unknown_fields_and_bad_numbers() -> None:
    with pytest.raises(ValidationError):
        m.IdentificationRequest(id_number="440304198805200035", surname="张")  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        m.IdentificationRequest(id_number="44030419880520003")
    with pytest.raises(ValidationError):
        m.CardLossReportRequest(
            receipt_number=RECEIPT,
            id_number="440304198805200035",
            card_number="d44000003",
            reported_at=datetime.now(UTC),
        )
    with pytest.raises(ValidationError):
        m.CardLossReportRequest(
            receipt_number="0" + RECEIPT[1:],
            id_number="440304198805200035",
            reported_at=datetime.now(UTC),
        )


def test_replies_ignore_fields_they_do_not_know() -> None:
    reply = m.EligibilityStatus.model_validate(
        {"due": True, "last_authenticated_on": None, "valid_until": None, "new_field": 1}
    )
    assert reply.due


def test_money_is_never_negative_or_fractional() -> None:
    row = {"month": 1, "base_fen": 100, "personal_fen": 8, "employer_fen": 16,
           "to_account_fen": 8, "state": "paid"}  # fmt: skip
    assert m.ContributionMonth.model_validate(row).personal_fen == 8
    with pytest.raises(ValidationError):
        m.ContributionMonth.model_validate({**row, "personal_fen": -1})
    with pytest.raises(ValidationError):
        m.ContributionMonth.model_validate({**row, "personal_fen": 8.5})


def test_times_must_carry_a_zone() -> None:
    with pytest.raises(ValidationError):
        m.CardLossReportRequest(
            receipt_number=RECEIPT,
            id_number="440304198805200035",
            card_number="D44000003",
            reported_at=datetime(2026, 11, 23, 9, 0),  # naive on purpose
        )


def test_enrollment_offers_only_resident_insurances() -> None:
    fields = {
        "id_number": "320102200109090046", "name": "陈静", "gender": "female", "nation": "汉",
        "birth_date": "2001-09-09", "address": "南京", "id_valid_until": None,
        "mobile": "13800000004", "receipt_number": RECEIPT,
    }  # fmt: skip
    assert m.EnrollmentRequest.model_validate({**fields, "insurances": ["resident_medical"]})
    for bad in ([], ["employee_pension"], ["resident_medical"] * 3):
        with pytest.raises(ValidationError):
            m.EnrollmentRequest.model_validate({**fields, "insurances": bad})


def test_every_problem_code_maps_to_a_client_error_with_a_4xx_status() -> None:
    for code, (status, error) in PROBLEM_CODES.items():
        assert 400 <= status < 500, code
        assert issubclass(error, CentralRejected)


def test_every_write_names_the_staff_number_on_duty_or_none() -> None:
    from kiosk.central.operations import WRITE_OPERATIONS

    assert len(WRITE_OPERATIONS) > 10
    for kind, operation in WRITE_OPERATIONS.items():
        assert issubclass(operation.request, m.WriteRequest), kind
        assert operation.request.model_fields["staff_number"].default is None, kind
    anchor = {"day": "2026-12-07", "records": 1, "last_hash": "0" * 64,
              "anchored_at": "2026-12-07T18:00:00+08:00"}  # fmt: skip
    assert m.AuditAnchor.model_validate({**anchor, "staff_number": "S0101"}).staff_number
    for bad in ("T0007", "S101", "S01010", "s0101", "S０101"):
        with pytest.raises(ValidationError):
            m.AuditAnchor.model_validate({**anchor, "staff_number": bad})


def test_a_card_delivery_names_one_of_the_contracts_ways_and_its_stage_is_optional() -> None:
    from typing import get_args

    assert set(get_args(m.CardDeliveryMethod)) == {d.value for d in m.CardDelivery}
    request = {
        "receipt_number": RECEIPT,
        "id_number": "440304198805200035",
        "reason": "replacement_damaged",
        "face_photo_jpeg_b64": "/9j/",
        "applied_at": "2026-12-07T10:00:00+08:00",
    }
    assert m.CardDeliveryApplicationRequest.model_validate({**request, "delivery": "staff_visit"})
    with pytest.raises(ValidationError):
        m.CardDeliveryApplicationRequest.model_validate({**request, "delivery": "post"})
    progress = {
        "receipt_number": RECEIPT,
        "operation": "enrollment",
        "state": "delivered",
        "updated_at": "2026-12-07T10:00:00+08:00",
    }
    assert m.ReceiptProgress.model_validate(progress).card_stage is None  # an older central
    staged = m.ReceiptProgress.model_validate({**progress, "card_stage": "in_production"})
    assert staged.card_stage is m.CardDeliveryStage.IN_PRODUCTION
