"""Faces: detection, quality gates, liveness and 1:1 matching, on dlib and OpenCV models that
ship inside their Python packages (nothing is downloaded at run time). No Qt here."""
