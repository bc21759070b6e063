"""customers' adapters: tables, repositories, unit of work and the catalog client."""
