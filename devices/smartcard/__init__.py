"""The social security card (SSSE application) over any reader that can exchange APDUs."""
