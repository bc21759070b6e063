"""wallet's adapters: tables, ledger repository, rates, unit of work and outgoing events."""
