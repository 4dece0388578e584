"""Value types and rules of social security: people, cards, money, ID numbers."""
