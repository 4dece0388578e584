"""The technician's screens: the login, and the device desk of vendor mode."""
