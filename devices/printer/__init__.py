"""A4 printing through CUPS (the lp tools), and a spool-directory simulator for the demo."""
