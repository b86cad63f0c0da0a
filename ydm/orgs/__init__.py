"""Organisations: the shipped contacts, the person's own, registration offices."""
