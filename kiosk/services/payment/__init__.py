"""社保缴费: the flow and its steps."""
