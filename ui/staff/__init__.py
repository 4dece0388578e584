"""The staff role's screens: the login, the lock, the staff bar, the sync panel, the day report."""
