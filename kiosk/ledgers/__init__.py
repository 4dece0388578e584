"""Ledgers of what a terminal started and must see through (payments, card issuances): rows in the
outbox database, committed with their outbox entries, schema-versioned (kiosk.ledgers.schema)."""
