"""The directory's import file: :mod:`.directory` (template, reading; no database)."""
