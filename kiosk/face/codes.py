"""The face check's vocabulary, as plain enums: what the citizen is asked to do and the one thing
to fix. The steps and the UI use these without loading OpenCV or dlib."""

from __future__ import annotations

import enum


class FaceAction(enum.StrEnum):
    """What the citizen is asked to do in front of the camera."""

    LOOK = "look"
    """Look at the camera (before the actions, and to pick the best frame); not a liveness
    action."""
    BLINK = "blink"
    TURN_LEFT = "turn_left"
    TURN_RIGHT = "turn_right"


class QualityIssue(enum.StrEnum):
    """Why a frame is not good enough yet: the feedback the citizen sees."""

    NO_FACE = "no_face"
    SEVERAL_FACES = "several_faces"
    TOO_FAR = "too_far"
    TOO_CLOSE = "too_close"
    OFF_CENTRE = "off_centre"
    TOO_DARK = "too_dark"
    TOO_BRIGHT = "too_bright"
    BLURRY = "blurry"
    NOT_FACING = "not_facing"
