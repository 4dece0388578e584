"""The Sheyin application core. No Qt, no user-facing text: codes and data only."""
