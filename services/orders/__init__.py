"""orders: orders, the saga that reserves, charges and confirms them (or undoes it), and their timeline."""
