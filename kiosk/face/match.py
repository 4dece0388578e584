"""1:1 matching: dlib's ResNet descriptor of the best face, and the distance between two.

dlib's model puts two photos of one person below 0.6 apart (its published threshold). The score
maps distance to [0, 1] with the threshold at 0.5: 1 - distance / (2 × threshold)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import dlib
import numpy as np
import numpy.typing as npt

from kiosk.face.models import FaceModels, load_models

Descriptor = npt.NDArray[np.float64]
Image = npt.NDArray[Any]


@dataclass(frozen=True)
class MatchResult:
    distance: float
    score: float
    same_person: bool


def score_of(distance: float, max_distance: float) -> float:
    return float(min(1.0, max(0.0, 1.0 - distance / (2 * max_distance))))


class FaceMatcher:
    def __init__(self, max_distance: float = 0.6, models: FaceModels | None = None) -> None:
        self.max_distance = max_distance
        self._models = models or load_models()

    def descriptor(self, image: Image) -> Descriptor | None:
        """The descriptor of the most confidently detected face, or None without a face."""
        rgb = cv2.cvtColor(image, cv2.COLOR_BGR2RGB)
        gray = cv2.cvtColor(image, cv2.COLOR_BGR2GRAY)
        rects, scores, _ = self._models.detector.run(gray, 1, 0.0)
        if not rects:
            return None
        best: dlib.rectangle = rects[int(np.argmax(scores))]
        shape = self._models.landmarks(rgb, best)
        return np.array(self._models.descriptor.compute_face_descriptor(rgb, shape))

    def compare(self, probe: Descriptor, reference: Descriptor) -> MatchResult:
        distance = float(np.linalg.norm(probe - reference))
        return MatchResult(
            distance=distance,
            score=score_of(distance, self.max_distance),
            same_person=distance <= self.max_distance,
        )

    def match(self, probe: Image, reference: Descriptor) -> MatchResult | None:
        found = self.descriptor(probe)
        return None if found is None else self.compare(found, reference)
