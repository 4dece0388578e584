"""Reusable widgets: big buttons, keypad, step bar, spinner, card animation, overlays."""
