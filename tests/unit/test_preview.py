"""The on-screen preview of a PDF page."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest

from kiosk.documents.preview import PreviewFailed, preview_png


def a_pdf() -> bytes:
    from reportlab.pdfgen.canvas import Canvas

    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.drawString(100, 700, "preview")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def test_a_page_comes_back_as_png_and_nothing_is_left_on_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """pdftoppm once wrote a file called "-.png" into the working directory."""
    monkeypatch.chdir(tmp_path)
    assert preview_png(a_pdf()).startswith(b"\x89PNG")
    assert os.listdir(tmp_path) == []


def test_not_a_pdf_is_a_typed_error() -> None:
    with pytest.raises(PreviewFailed):
        preview_png(b"not a pdf")
