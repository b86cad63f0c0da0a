"""The new-request wizard: one screen per step, sharing one WizardState.

about you → who → what → review → send → record. "Write the next letter" from the dashboard or a
request starts at review with the organisation and kind already chosen.
"""
