"""The card issuer: blank cards from a hopper through a chip station and a card printer."""
