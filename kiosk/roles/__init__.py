"""What differs per role: the technician's and the staff's logins (one credential login), vendor
mode."""
