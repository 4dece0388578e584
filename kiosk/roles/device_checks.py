"""The technician's test of each device: read a card, read an ID card, watch the camera, print a
test page and a test receipt, count PIN-pad digits, feed and retain an issuer card, reset the
issuer. Every check waits for its device (not from the GUI thread), ends in a result with a
code, never raises, and is written to the audit log. Its facts are codes, numbers and masked
text: a technician's test card is somebody's card all the same."""

from __future__ import annotations

import enum
import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from devices.manager import DeviceClass

if TYPE_CHECKING:
    from devices.camera.camera import Camera, Frame
    from devices.manager import DeviceManager
    from devices.pinpad.base import KeyCount
    from kiosk.audit import AuditLog

log = logging.getLogger(__name__)

PRINT_WAIT_S = 120.0
"""A test page on a cold laser printer: warm-up and the page itself."""
RECEIPT_WAIT_S = 30.0
PIN_WAIT_S = 60.0
CAMERA_WATCH_S = 3.0
"""How long the camera is watched before its rate is judged."""
CAMERA_READY_S = 20.0
"""At most this long for the face models to load before the watching starts."""
FACE_EVERY_S = 0.3
"""How often the preview looks for a face (a detection takes tens of milliseconds)."""
TEST_PAN = "6214830000000001"
"""The account number the PIN pad builds its test block with: no card's, no citizen's."""


class DeviceCheck(enum.StrEnum):
    SELF_TEST = "self_test"
    READ_CARD = "read_card"
    READ_ID_CARD = "read_id_card"
    CAMERA = "camera"
    TEST_PAGE = "test_page"
    TEST_RECEIPT = "test_receipt"
    PIN_PAD = "pin_pad"
    FEED_AND_RETAIN = "feed_and_retain"
    RESET = "reset"


CHECKS: dict[DeviceClass, tuple[DeviceCheck, ...]] = {
    DeviceClass.CARD_READER: (DeviceCheck.SELF_TEST, DeviceCheck.READ_CARD),
    DeviceClass.IDCARD_READER: (DeviceCheck.SELF_TEST, DeviceCheck.READ_ID_CARD),
    DeviceClass.CAMERA: (DeviceCheck.SELF_TEST, DeviceCheck.CAMERA),
    DeviceClass.PRINTER: (DeviceCheck.SELF_TEST, DeviceCheck.TEST_PAGE),
    DeviceClass.RECEIPT_PRINTER: (DeviceCheck.SELF_TEST, DeviceCheck.TEST_RECEIPT),
    DeviceClass.PINPAD: (DeviceCheck.SELF_TEST, DeviceCheck.PIN_PAD),
    DeviceClass.CARD_ISSUER: (
        DeviceCheck.SELF_TEST,
        DeviceCheck.FEED_AND_RETAIN,
        DeviceCheck.RESET,
    ),
}
"""What the desk offers for each device, the self-test first."""

Facts = tuple[tuple[str, str], ...]
FaceBox = tuple[float, float, float, float, int, int]
"""A face found: x, y, width, height in the frame's pixels, then the frame's width and height."""
CANCELLED = "pinpad.cancelled"


@dataclass(frozen=True)
class CheckResult:
    check: DeviceCheck
    passed: bool
    code: str
    """"ok", or why it failed (the device's error code, or the self-test's failed checks)."""
    facts: Facts = ()
    """(fact, value): codes, numbers, masked text."""


class CheckFailed(Exception):
    def __init__(self, code: str, facts: Facts = ()) -> None:
        super().__init__(code)
        self.code = code
        self.facts = facts


class DeviceChecks:
    """Runs the checks of one terminal's devices; each result is logged and audited."""

    def __init__(self, manager: DeviceManager, audit: AuditLog, terminal_id: str) -> None:
        self._manager = manager
        self._audit = audit
        self._terminal_id = terminal_id

    def run(self, device: DeviceClass, check: DeviceCheck, actor: str) -> CheckResult:
        """Any check but the camera's and the PIN pad's (which need the technician)."""
        steps: dict[DeviceCheck, Callable[[], Facts]] = {
            DeviceCheck.SELF_TEST: lambda: self._self_test(device),
            DeviceCheck.READ_CARD: self._read_card,
            DeviceCheck.READ_ID_CARD: self._read_id_card,
            DeviceCheck.TEST_PAGE: self._test_page,
            DeviceCheck.TEST_RECEIPT: self._test_receipt,
            DeviceCheck.FEED_AND_RETAIN: self._feed_and_retain,
            DeviceCheck.RESET: self._reset,
        }
        return self._recorded(device, check, actor, steps[check])

    def pin_pad(self, actor: str, on_key: KeyCount) -> CheckResult:
        """Waits for the technician to type 4 to 12 digits and Enter on the pad; `on_key` is
        told how many digits are typed (never which)."""
        return self._recorded(
            DeviceClass.PINPAD, DeviceCheck.PIN_PAD, actor, lambda: self._pin_pad(on_key)
        )

    def cancel_pin_pad(self) -> None:
        pinpad = self._manager.set.pinpad
        if pinpad is not None:
            pinpad.cancel()

    def camera_watch(self) -> CameraWatch | None:
        """The camera capturing, with a face looked for; None when the terminal has none."""
        source = self._manager.set.camera
        return None if source is None else CameraWatch(source)

    def camera_result(self, watch: CameraWatch, actor: str) -> CheckResult:
        return self._recorded(DeviceClass.CAMERA, DeviceCheck.CAMERA, actor, watch.judge)

    def _recorded(
        self, device: DeviceClass, check: DeviceCheck, actor: str, step: Callable[[], Facts]
    ) -> CheckResult:
        try:
            result = CheckResult(check, True, "ok", step())
        except CheckFailed as failed:
            result = CheckResult(check, False, failed.code, failed.facts)
        except Exception as exc:  # a check that breaks is a failed one, never a crash
            result = CheckResult(check, False, str(getattr(exc, "code", type(exc).__name__)))
        # A failed check is a finding for the log screen's Warning filter; a pass is not, nor
        # a test the technician left (the PIN pad's entry ended with its screen).
        finding = not result.passed and result.code != CANCELLED
        level = logging.WARNING if finding else logging.INFO
        log.log(level, "device %s: check %s %s", device.value, check.value, result.code)
        outcome = "ok" if result.passed else f"failed:{audit_code(result.code)}"
        try:
            self._audit.append(actor, f"device.{check.value}", outcome[:80], device.value)
        except Exception as exc:  # the result is still the technician's to see
            log.error("audit.append_failed: %s", getattr(exc, "code", type(exc).__name__))
        return result

    # --- the checks, on the caller's thread (each waits for its device's own) ---

    def _self_test(self, device: DeviceClass) -> Facts:
        """Its checks' names are the drivers' (in English): the result names the failed ones
        by their codes alone."""
        report = self._manager.self_test_one(device)
        if report is None:
            raise CheckFailed("device.not_fitted")
        if not report.passed:
            failed = [detail or check for check, ok, detail in report.checks if not ok]
            raise CheckFailed(",".join(failed) or report.status.value)
        return ()

    def _read_card(self) -> Facts:
        from kiosk.domain.identity import mask_card_number, mask_id_number, mask_name

        atr, card = self._manager.set.card_reader.read_card_and_atr().result()
        return (
            ("atr", atr.hex().upper()),
            ("ssse", "selected"),
            ("holder", mask_name(card.name)),
            ("number", mask_id_number(card.social_security_number)),
            ("card", mask_card_number(card.card_number)),
            ("expiry", card.expiry_date.isoformat()),
        )

    def _read_id_card(self) -> Facts:
        from kiosk.domain.identity import mask_id_number, mask_name

        reader = self._manager.set.idcard_reader
        if reader is None:
            raise CheckFailed("device.not_fitted")
        card = reader.read_card().result()
        return (
            ("holder", mask_name(card.name)),
            ("number", mask_id_number(card.id_number)),
            ("photo_bytes", str(len(card.photo_wlt))),
            ("valid_to", card.valid_to),
        )

    def _test_page(self) -> Facts:
        from kiosk.documents.printer_checks import check_page_pdf

        printer = self._manager.set.printer
        if printer is None:
            raise CheckFailed("device.not_fitted")
        pdf = check_page_pdf(self._terminal_id, datetime.now(UTC))
        job = printer.print_pdf(pdf, "test-page").result()
        printer.wait_done(job, PRINT_WAIT_S).result()
        return (("job", job), ("pages", "1"), *_counted(printer.counts().counters, "pages_printed"))

    def _test_receipt(self) -> Facts:
        from kiosk.documents.printer_checks import check_receipt

        printer = self._manager.set.receipt_printer
        if printer is None:
            raise CheckFailed("device.not_fitted")
        slip = check_receipt(self._terminal_id, datetime.now(UTC))
        printer.print_receipt(slip.title, slip.lines, slip.qr).result(RECEIPT_WAIT_S)
        paper = printer.media()
        return (*_counted(printer.counts().counters, "slips_printed"), ("paper", paper or "-"))

    def _pin_pad(self, on_key: KeyCount) -> Facts:
        from devices.pinpad.pinblock import pin_from_block

        pinpad = self._manager.set.pinpad
        if pinpad is None:
            raise CheckFailed("device.not_fitted")
        typed = [0]

        def counted(count: int) -> None:
            typed[0] = count
            on_key(count)

        block = pinpad.read_pin_block(TEST_PAN, counted, PIN_WAIT_S).result()
        # The block is opened for its length alone; the digits are dropped at once.
        length = len(pin_from_block(block, TEST_PAN))
        if length != typed[0]:
            raise CheckFailed("pinpad.count_mismatch", (("digits", str(typed[0])),))
        return (("digits", str(length)), ("block", "iso9564-0"))

    def _feed_and_retain(self) -> Facts:
        issuer = self._manager.set.card_issuer
        if issuer is None:
            raise CheckFailed("device.not_fitted")
        before = dict(issuer.counts().counters)
        issuer.feed().result()
        if not issuer.retain().result():
            raise CheckFailed("issuer.no_card")
        after = dict(issuer.counts().counters)
        facts = tuple(
            (name, f"{before[name]} → {after[name]}") for name in ("hopper", "reject_bin")
        )
        if (
            after["hopper"] != before["hopper"] - 1
            or after["reject_bin"] != before["reject_bin"] + 1
        ):
            raise CheckFailed("issuer.counters_wrong", facts)
        return facts

    def _reset(self) -> Facts:
        issuer = self._manager.set.card_issuer
        if issuer is None:
            raise CheckFailed("device.not_fitted")
        retained = issuer.reset().result()
        state = issuer.state()
        facts = (("retained", "yes" if retained else "no"), ("state", state.value))
        if issuer.status().value != "online":
            raise CheckFailed(f"issuer.{state.value}", facts)
        return facts


def audit_code(code: str) -> str:
    """A failure code as the audit log takes it: code characters only (a self-test names its
    failed checks with commas, a driver's detail may hold a space), no long digit run."""
    code = re.sub(r"[^A-Za-z0-9_.:-]", "_", code)
    return re.sub(r"\d{9,}", "N", code)


def _counted(counters: tuple[tuple[str, int], ...], name: str) -> Facts:
    return tuple((counter, str(value)) for counter, value in counters if counter == name)


class CameraWatch:
    """The camera capturing for the technician's preview, a face looked for on a thread of its
    own: the screen pulls `latest()` and `face()` and never waits."""

    def __init__(self, source: Callable[[], Camera]) -> None:
        self._source = source
        self._camera: Camera | None = None
        self._face: FaceBox | None = None
        self._faces_seen = 0
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._error: str | None = None
        self.looking = threading.Event()
        """Set once faces are looked for (the models loaded): the rate is judged from then."""

    def start(self) -> None:
        """Opens the camera (it may take a second: not from the GUI thread)."""
        try:
            camera = self._source()
        except Exception as exc:  # a clip or a driver that cannot load: the result says so
            self._error = str(getattr(exc, "code", type(exc).__name__))
            self.looking.set()
            return
        self._camera = camera
        camera.start()
        self._thread = threading.Thread(target=self._look, name="camera-check", daemon=True)
        self._thread.start()

    def latest(self) -> Frame | None:
        camera = self._camera
        return None if camera is None else camera.latest()

    def face(self) -> FaceBox | None:
        """The last face found: x, y, width, height in the frame's pixels, and the frame's
        width and height."""
        return self._face

    @property
    def fps(self) -> float:
        camera = self._camera
        return 0.0 if camera is None else camera.measured_fps

    def judge(self) -> Facts:
        """Passed when pictures arrive at half the rate asked for or better and the picture is
        usable; whether a face was seen is a fact, not a condition (nobody may stand there)."""
        camera = self._camera
        if camera is None:
            raise CheckFailed(self._error or "camera.not_opened")
        wanted = camera.source.fps
        facts = (
            ("fps", f"{camera.measured_fps:.1f}"),
            ("condition", camera.condition.value),
            ("face", "yes" if self._faces_seen else "no"),
        )
        if camera.condition.value != "ok":
            raise CheckFailed(f"camera.{camera.condition.value}", facts)
        if camera.measured_fps < wanted / 2:
            raise CheckFailed("camera.slow", facts)
        return facts

    def stop(self) -> None:
        """Stops looking and stops the camera (its light goes off)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(5.0)
        if self._camera is not None:
            self._camera.stop()

    def _look(self) -> None:
        from kiosk.face.analysis import FaceAnalyzer

        try:
            analyzer = FaceAnalyzer()
        except Exception as exc:  # no face box; the rate is judged all the same
            log.warning("camera check: no face analysis: %s", type(exc).__name__)
            return
        finally:
            self.looking.set()
        seen = -1
        while not self._stop.wait(FACE_EVERY_S):
            frame = self.latest()
            if frame is None or frame.seq == seen:
                continue
            seen = frame.seq
            try:
                box = analyzer.observe(frame.image).box
            except Exception as exc:  # the preview goes on without a box
                log.info("camera check: face detection failed: %s", type(exc).__name__)
                continue
            height, width = frame.image.shape[:2]
            if box is None:
                self._face = None
            else:
                self._faces_seen += 1
                self._face = (*box, width, height)
