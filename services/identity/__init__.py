"""identity: accounts, argon2id password hashes, EdDSA access tokens and rotating refresh tokens."""
