"""orders' adapters: tables, repository, unit of work, outgoing events and commands, and the clients it calls."""
