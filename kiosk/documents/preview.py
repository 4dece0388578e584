"""A page of a PDF as a PNG for the screen, by poppler's pdftoppm (Debian poppler-utils)."""

from __future__ import annotations

import subprocess


class PreviewFailed(Exception):
    code = "documents.preview_failed"


def preview_png(pdf: bytes, dpi: int = 72) -> bytes:
    try:
        done = subprocess.run(  # noqa: S603 - poppler's tool, our own PDF on stdin
            ["pdftoppm", "-png", "-r", str(dpi), "-singlefile", "-"],  # noqa: S607 - stdout
            input=pdf,
            capture_output=True,
            timeout=20,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise PreviewFailed(type(exc).__name__) from None
    if done.returncode != 0 or not done.stdout.startswith(b"\x89PNG"):
        raise PreviewFailed(f"pdftoppm exit {done.returncode}")
    return done.stdout
