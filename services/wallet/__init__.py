"""wallet: accounts per user and currency over a double-entry ledger, conversion rates, the merch inventory."""
