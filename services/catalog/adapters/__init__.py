"""catalog's adapters: the products table, its repository and unit of work."""
