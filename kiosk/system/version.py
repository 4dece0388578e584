"""The installed package's version, looked up only when asked for (importlib.metadata is slow
to import, and the first screen does not need it)."""

from __future__ import annotations


def installed_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("sheyin-kiosk")
    except PackageNotFoundError:  # run from a source tree that was never installed
        return "(not installed)"
