"""The terminal as a system service: the service manager's notify protocol, the start history."""
