import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

# Each worker reads the call catalogue's index as it starts, not in a visitor's
# request (``kopru.calls.catalogue_index``); a database not ready yet is no reason to
# fail: the first search then reads it. A thread of the worker then applies the
# catalogue's changes every KOPRU_CATALOGUE_FOLLOW_SECONDS (0: only in requests).
if os.environ.get("KOPRU_WARM_UP", "1") == "1":
    from kopru.calls.catalogue_index import warm_up

    warm_up(follow_seconds=float(os.environ.get("KOPRU_CATALOGUE_FOLLOW_SECONDS", "1")))
