"""reviews: what buyers say of the products they bought, and each product's rating."""
