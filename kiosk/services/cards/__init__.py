"""社保卡办理: the flow and its steps."""
