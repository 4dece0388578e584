"""What differs per role: the technician's login and vendor mode (staff follow)."""
