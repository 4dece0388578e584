"""The models, loaded once and on first use; every one licensed for deployment.

- face detector: dlib's HOG frontal face detector (built into dlib, Boost licence);
- landmarks: dlib's 5-point shape predictor (`shape_predictor_5_face_landmarks.dat`, CC0,
  trained on dlib's own 5-point dataset). The 68-point model in the same package was trained
  on iBUG 300-W, whose licence excludes commercial use: it is never loaded;
- descriptor: dlib's ResNet face recognition model (`dlib_face_recognition_resnet_model_v1.dat`,
  CC0);
- eye state: OpenCV's Haar eye cascade (`haarcascade_eye.xml`, Intel's BSD-style licence).
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from importlib.resources import files
from pathlib import Path
from typing import Any

LANDMARKS_MODEL = "shape_predictor_5_face_landmarks.dat"
DESCRIPTOR_MODEL = "dlib_face_recognition_resnet_model_v1.dat"
EYE_CASCADE = "haarcascade_eye.xml"


class ModelMissing(Exception):
    code = "face.model_missing"


@dataclass(frozen=True)
class FaceModels:
    detector: Any
    landmarks: Any
    descriptor: Any
    eyes: Any


_lock = threading.Lock()
_loaded: FaceModels | None = None


def model_path(name: str) -> Path:
    path = Path(str(files("face_recognition_models") / "models" / name))
    if not path.exists():
        raise ModelMissing(name)
    return path


def load_models() -> FaceModels:
    global _loaded  # noqa: PLW0603 - one copy per process: the models take 100 MB and a second
    with _lock:
        if _loaded is None:
            import cv2
            import dlib

            eyes = cv2.CascadeClassifier(str(Path(cv2.data.haarcascades) / EYE_CASCADE))  # type: ignore[attr-defined]
            if eyes.empty():
                raise ModelMissing(EYE_CASCADE)
            _loaded = FaceModels(
                detector=dlib.get_frontal_face_detector(),
                landmarks=dlib.shape_predictor(str(model_path(LANDMARKS_MODEL))),
                descriptor=dlib.face_recognition_model_v1(str(model_path(DESCRIPTOR_MODEL))),
                eyes=eyes,
            )
        return _loaded
