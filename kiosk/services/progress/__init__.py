"""查进度: following a receipt: the flow and its steps."""
