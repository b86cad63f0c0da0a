"""Guided-session screens (used by SessionApp): one question per screen, plain language, keyboard first."""
