"""reviews adapters: tables, repositories, unit of work and outgoing events."""
