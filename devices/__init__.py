"""Device drivers and simulators. No Qt, no kiosk imports: they know cards, frames, protocols."""
