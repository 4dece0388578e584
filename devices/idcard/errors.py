"""Typed ID-card reader errors; codes are stable and safe to log, none carries card data."""

from __future__ import annotations

from devices.base import DeviceError


class IdCardError(DeviceError):
    code = "idcard.error"


class NoIdCard(IdCardError):
    code = "idcard.absent"
    fault = False


class IdCardSelectFailed(IdCardError):
    """A card is there but does not answer the selection (moved, damaged)."""

    code = "idcard.select_failed"


class IdCardReadFailed(IdCardError):
    code = "idcard.read_failed"


class IdCardTimeout(IdCardError):
    """The reader did not answer in time."""

    code = "idcard.timeout"


class MalformedFrame(IdCardError):
    """A frame that breaks GA 467: preamble, length, checksum or field layout."""

    code = "idcard.malformed"


class ReaderRefused(IdCardError):
    """The reader answered with a status this driver does not expect (its SW3 in the detail)."""

    code = "idcard.refused"


class NoIdCardReader(IdCardError):
    code = "idcard.no_reader"
