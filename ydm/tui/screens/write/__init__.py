"""The new-request wizard: one screen per step, sharing one WizardState.

about you → who → what → review → send → record (that order is kept in `flow`, and only the app
reads it). "Write the next letter" from the dashboard or a request starts at review with the
organisation and kind already chosen.
"""
