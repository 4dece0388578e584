"""The contract with the social-security central system: models, signing, client, errors."""
