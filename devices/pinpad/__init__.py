"""PIN entry for bank cards: the encrypting PIN pad interface and its simulator."""
