"""notifications: per-user notifications built from events, stored in order, published for live delivery."""
