"""权益证明打印: the flow and its steps."""
