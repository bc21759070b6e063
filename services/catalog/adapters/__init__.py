"""catalog's adapters: tables, repositories, unit of work, read cache and outgoing events."""
