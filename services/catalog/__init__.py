"""catalog: products with prices and stock, admin-only writes, and the seeded merch items."""
