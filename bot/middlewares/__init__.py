"""Outer middlewares: one database session per update, then who the user is."""
