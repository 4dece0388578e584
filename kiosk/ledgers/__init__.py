"""Ledgers of what a terminal started and must see through (payments, card issuances), and the
staff's visit journal: rows in the outbox database, committed with their outbox entries,
schema-versioned (kiosk.ledgers.schema)."""
