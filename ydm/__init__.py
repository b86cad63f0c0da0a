"""Your Data Matters: UK data-protection requests to parties, campaigners and data brokers.

This module holds the version only, so importing any part of ydm stays cheap.
"""

__version__ = "0.1.0"
