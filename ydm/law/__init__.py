"""The law: deadlines, bank holidays, escalation (what is due, what comes next, and why)."""
