"""The national view's pages: ``national.py`` the national administrators' map, table,
office page and export (``/ulusal/``); ``site.py`` the public national statistics."""
