"""One module per service plus attract, home and errors. Screens render the core's plain data."""
