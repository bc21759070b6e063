"""identity's adapters: tables, repositories, password hashing and signing keys."""
