"""notifications' adapters: tables, repository, unit of work and outgoing events."""
