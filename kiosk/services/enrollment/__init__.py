"""参保登记: the flow and its steps."""
