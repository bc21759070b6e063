"""credit: financial profiles, credit products, applications, offers, loans with their schedules and payments."""
