"""The training history's import file: :mod:`.history` (template, reading; no database)."""
