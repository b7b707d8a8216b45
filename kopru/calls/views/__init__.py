"""Pages of the calls app: ``panel`` (office staff), ``who_applies`` (the panel's
who-applies table that matching reads) and ``public`` (the catalogue, its follow-ups,
saved searches and alerts, matching). Feeds are in ``kopru.calls.feeds``."""
