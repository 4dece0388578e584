"""HTTP client for the central system on a requests.Session.

Timeouts on every call, retries only for idempotent reads, every request signed, an
Idempotency-Key on every write, problem+json mapped to typed errors.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable
from typing import TypeVar
from urllib.parse import urlsplit
from uuid import UUID

import requests
from pydantic import BaseModel, ValidationError
from requests.adapters import HTTPAdapter
from urllib3.exceptions import ReadTimeoutError
from urllib3.util.retry import Retry

from kiosk.central import models as m
from kiosk.central.errors import (
    PROBLEM_CODES,
    CentralError,
    CentralRejected,
    CentralTimeout,
    CentralUnavailable,
    MalformedCentralResponse,
)
from kiosk.central.signing import (
    HEADER_IDEMPOTENCY_KEY,
    HEADER_SIGNATURE,
    HEADER_TERMINAL,
    HEADER_TIMESTAMP,
    canonical_request,
    sign,
)
from kiosk.config import CentralSettings

log = logging.getLogger(__name__)
# urllib3 warns on every retry it makes; this client logs one line with a code per call that
# fails, and an offline backpack terminal must not fill its log with retries.
logging.getLogger("urllib3.connectionpool").setLevel(logging.ERROR)

R = TypeVar("R", bound=BaseModel)


class CentralClient:
    def __init__(self, settings: CentralSettings, user_agent: str = "sheyin-kiosk/0.1") -> None:
        self.on_reachability: Callable[[bool], None] | None = None
        """Told after every call whether the central system answered (the connectivity
        monitor listens here, so the whole kiosk notices an outage at its first failed call)."""
        self._base = settings.url
        self._base_path = urlsplit(settings.url).path
        self._terminal_id = settings.terminal_id
        self._key = bytes.fromhex(settings.terminal_key.get_secret_value())
        self._timeout = (settings.connect_timeout_s, settings.read_timeout_s)
        self._http = requests.Session()
        self._http.headers["User-Agent"] = user_agent
        self._http.headers["Accept"] = "application/json, application/problem+json"
        # Verification stays on; a private CA is given as a bundle, never switched off.
        self._http.verify = settings.ca_bundle or True
        retry = Retry(
            total=settings.read_retries,
            connect=settings.read_retries,
            read=settings.read_retries,
            status=settings.read_retries,
            backoff_factor=0.2,
            status_forcelist=(502, 503, 504),
            allowed_methods=frozenset({"GET"}),
            raise_on_status=False,
            respect_retry_after_header=True,
        )
        adapter = HTTPAdapter(max_retries=retry)
        self._http.mount("http://", adapter)
        self._http.mount("https://", adapter)
        self._probe_http = requests.Session()
        self._probe_http.headers["User-Agent"] = user_agent
        self._probe_http.verify = self._http.verify

    def close(self) -> None:
        self._http.close()
        self._probe_http.close()

    def reachable(self) -> bool:
        """One unauthenticated health call, no retries, nothing logged above DEBUG: the
        connectivity monitor asks this every few seconds while the line is down."""
        try:
            response = self._probe_http.get(
                f"{self._base}{m.API_PREFIX}/health", timeout=self._timeout
            )
        except requests.RequestException as exc:
            log.debug("central health: %s", type(exc).__name__)
            return False
        return response.status_code == 200

    # --- transport ---

    def _request(
        self,
        method: str,
        path: str,
        reply: type[R],
        body: BaseModel | bytes | None = None,
        idempotency_key: UUID | None = None,
    ) -> R:
        if isinstance(body, BaseModel):
            body = body.model_dump_json().encode("utf-8")
        payload = body or b""
        full_path = f"{self._base_path}{m.API_PREFIX}{path}"
        timestamp = int(time.time())
        key_text = str(idempotency_key) if idempotency_key else None
        headers = {
            HEADER_TERMINAL: self._terminal_id,
            HEADER_TIMESTAMP: str(timestamp),
            HEADER_SIGNATURE: sign(
                self._key,
                canonical_request(
                    method,
                    full_path,
                    timestamp=timestamp,
                    terminal_id=self._terminal_id,
                    idempotency_key=key_text,
                    body=payload,
                ),
            ),
        }
        if key_text:
            headers[HEADER_IDEMPOTENCY_KEY] = key_text
        if body is not None:
            headers["Content-Type"] = "application/json"
        url = f"{self._base}{m.API_PREFIX}{path}"
        try:
            response = self._http.request(
                method, url, data=payload or None, headers=headers, timeout=self._timeout
            )
        except requests.Timeout as exc:
            log.warning("central %s %s: timeout", method, _route(path))
            self._reached(False)
            raise CentralTimeout() from exc
        except requests.ConnectionError as exc:
            # Once a retried read has used up its retries, requests reports the last read
            # timeout as a ConnectionError; it is still a timeout.
            if isinstance(
                getattr(exc.args[0] if exc.args else None, "reason", None), ReadTimeoutError
            ):
                log.warning("central %s %s: timeout", method, _route(path))
                self._reached(False)
                raise CentralTimeout() from exc
            log.warning("central %s %s: %s", method, _route(path), type(exc).__name__)
            self._reached(False)
            raise CentralUnavailable() from exc
        except requests.RequestException as exc:
            log.warning("central %s %s: %s", method, _route(path), type(exc).__name__)
            self._reached(False)
            raise CentralUnavailable() from exc
        self._reached(response.status_code < 500)
        return self._parse(method, path, response, reply)

    def _reached(self, reachable: bool) -> None:
        if self.on_reachability is not None:
            self.on_reachability(reachable)

    def _parse(self, method: str, path: str, response: requests.Response, reply: type[R]) -> R:
        if response.status_code >= 400:
            error = self._problem(response)
            log.warning("central %s %s: %s", method, _route(path), error)
            raise error
        try:
            return reply.model_validate_json(response.content)
        except ValidationError as exc:
            log.warning("central %s %s: reply does not follow the contract", method, _route(path))
            raise MalformedCentralResponse(status=response.status_code) from exc

    @staticmethod
    def _problem(response: requests.Response) -> CentralError:
        status = response.status_code
        try:
            problem = m.Problem.model_validate(json.loads(response.content))
        except (ValueError, ValidationError):
            problem = None
        # Only the contract's codes go on: a citizen's screen has words for those, not for
        # whatever else a server may say (its own code is logged, as the answer's detail).
        if status >= 500:
            if problem is not None:
                log.info("central answered %d with its own code %s", status, problem.code)
            return CentralUnavailable(status=status)
        if problem is None:
            return MalformedCentralResponse(status=status)
        known = PROBLEM_CODES.get(problem.code)
        if known is None:
            log.info(
                "central answered %d with a code outside the contract: %s", status, problem.code
            )
            return CentralRejected(status=status)
        return known[1](problem.code, status)

    # --- the contract ---

    def health(self) -> m.Health:
        return self._request("GET", "/health", m.Health)

    def identify(self, id_number: str, card_number: str | None = None) -> m.Identification:
        request = m.IdentificationRequest(id_number=id_number, card_number=card_number)
        return self._request("POST", "/identifications", m.Identification, request)

    def insurances(self, person_ref: str) -> m.InsuredStatus:
        return self._request("GET", f"/persons/{person_ref}/insurances", m.InsuredStatus)

    def contributions(self, person_ref: str) -> m.ContributionHistory:
        return self._request("GET", f"/persons/{person_ref}/contributions", m.ContributionHistory)

    def accounts(self, person_ref: str) -> m.PersonalAccounts:
        return self._request("GET", f"/persons/{person_ref}/accounts", m.PersonalAccounts)

    def benefits(self, person_ref: str) -> m.BenefitPayments:
        return self._request("GET", f"/persons/{person_ref}/benefits", m.BenefitPayments)

    def eligibility(self, person_ref: str) -> m.EligibilityStatus:
        return self._request("GET", f"/persons/{person_ref}/eligibility", m.EligibilityStatus)

    def enroll(self, request: m.EnrollmentRequest, idempotency_key: UUID) -> m.EnrollmentReceipt:
        return self._request("POST", "/enrollments", m.EnrollmentReceipt, request, idempotency_key)

    def report_card_loss(
        self, request: m.CardLossReportRequest, idempotency_key: UUID
    ) -> m.CardLossReportReceipt:
        return self._request(
            "POST", "/card-loss-reports", m.CardLossReportReceipt, request, idempotency_key
        )

    def send_write(self, path: str, body: bytes, reply: type[R], idempotency_key: UUID) -> R:
        """A write whose body was serialised earlier (by the outbox): sent byte for byte, so
        every retry carries the same request under the same key."""
        return self._request("POST", path, reply, body, idempotency_key)

    def issue_certificate(
        self, request: m.CertificateRequest, idempotency_key: UUID
    ) -> m.IssuedCertificate:
        return self._request("POST", "/certificates", m.IssuedCertificate, request, idempotency_key)

    def certificate_status(self, verification_code: str) -> m.CertificateVerification:
        """Public: anyone may ask whether a verification code was issued."""
        return self._request("GET", f"/certificates/{verification_code}", m.CertificateVerification)

    def payables(self, person_ref: str) -> m.PayableItems:
        return self._request("GET", f"/persons/{person_ref}/payables", m.PayableItems)

    def payment_order(self, order_id: UUID) -> m.PaymentOrder:
        return self._request("GET", f"/payment-orders/{order_id}", m.PaymentOrder)

    def card_application(self, application_id: UUID) -> m.CardApplicationStatus:
        return self._request("GET", f"/card-applications/{application_id}", m.CardApplicationStatus)

    def receipt_progress(self, receipt_number: str) -> m.ReceiptProgress:
        return self._request("GET", f"/receipts/{receipt_number}", m.ReceiptProgress)


def _route(path: str) -> str:
    """The path with the person reference cut out, for logs."""
    parts = path.split("/")
    if len(parts) > 2 and parts[1] in ("persons", "receipts", "certificates", "payment-orders"):
        parts[2] = "{ref}"
    return "/".join(parts)
