"""Pages of the calls app: ``panel`` (office staff) and ``public`` (the catalogue, its
follow-ups, saved searches and alerts, matching). Feeds are in ``kopru.calls.feeds``."""
