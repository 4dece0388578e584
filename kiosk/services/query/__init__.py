"""参保查询: the flow and its steps."""
