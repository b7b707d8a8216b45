"""The annual report's pages: ``panel`` (the office's staff; the coordinator writes,
approves and supersedes, experts read)."""
