"""Durable outbox and delivery worker (issue 4). Knows nothing of social security."""
