"""The PySide6 user interface. Everything Qt lives here; the core below gives it codes and data."""
