"""Money in integer fen (分). Never a float."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Self


@dataclass(frozen=True, order=True)
class Money:
    fen: int

    def __post_init__(self) -> None:
        if not isinstance(self.fen, int) or isinstance(self.fen, bool):
            raise TypeError("Money holds integer fen")

    @classmethod
    def zero(cls) -> Self:
        return cls(0)

    def __add__(self, other: Money) -> Money:
        return Money(self.fen + other.fen)

    def __sub__(self, other: Money) -> Money:
        return Money(self.fen - other.fen)

    def decimal_text(self) -> str:
        """`12345` -> `123.45`; for display code and documents."""
        yuan, fen = divmod(abs(self.fen), 100)
        return f"{'-' if self.fen < 0 else ''}{yuan:,}.{fen:02d}"


def total(amounts: list[Money]) -> Money:
    return Money(sum(m.fen for m in amounts))
