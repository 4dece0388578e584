"""The six service flows and the steps they share, as plain linear Python."""
