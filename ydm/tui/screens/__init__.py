"""Screens of the ydm app, one module per screen (guided/ belongs to the session app)."""
