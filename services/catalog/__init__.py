"""catalog: products with prices and stock, admin-only writes, the seeded merch items, and stock held for orders."""
