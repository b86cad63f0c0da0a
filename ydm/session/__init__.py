"""The guided session for libraries: plan, questions, answers, take-home sheet (the faces run it)."""
