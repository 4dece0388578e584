from pathlib import Path

from kiosk.config import Settings

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")


def test_readme_starts_with_the_two_commands() -> None:
    first_block = README.split("```sh\n", 1)[1].split("```", 1)[0]
    assert first_block.split() == ["make", "demo", "make", "test"]


def test_readme_documents_every_setting() -> None:
    for section, info in Settings.model_fields.items():
        for key in info.annotation.model_fields:  # type: ignore[union-attr]
            assert f"`{section}.{key}`" in README
            assert f"`SHEYIN_{section.upper()}_{key.upper()}`" in README
