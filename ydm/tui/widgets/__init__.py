"""Small reusable widgets for the ydm screens."""
