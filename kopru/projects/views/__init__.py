"""Pages of the project inventory: ``shared`` (the pages the panel and the kurum area
share; the area decides the base template and the rules), ``panel`` (the office's own:
monitoring, statistics, publishing, import and export) and ``public`` (the data bank)."""
