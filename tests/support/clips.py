"""Camera clips for the simulator in tests: frames of noise, nobody in them."""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np


def noise_clip(directory: Path, frames: int = 3, seed: int = 3) -> Path:
    """`frames` small PNG frames of mid-grey noise in `directory`, each different."""
    directory.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    for index in range(frames):
        cv2.imwrite(str(directory / f"{index}.png"), rng.integers(60, 200, (48, 64, 3), np.uint8))
    return directory
