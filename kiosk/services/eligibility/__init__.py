"""待遇领取资格认证: the flow and its steps."""
