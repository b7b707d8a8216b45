"""Views of the statistics app: ``panel`` (the coordinator's dashboard, the records
behind a bar) and ``public`` (the office's public statistics and its open data)."""
