"""credit adapters: tables, repositories, unit of work, outgoing events and the scoring client."""
