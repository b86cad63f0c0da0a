"""The use cases: the one door the faces (CLI, TUI, guided session) go through for a workflow."""
