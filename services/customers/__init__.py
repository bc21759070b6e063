"""customers: each user's cart, priced from catalog when it is read, and their favourite products."""
