import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.local")
application = get_wsgi_application()

# Each worker reads the call catalogue's index as it starts, not in a visitor's
# request (``kopru.calls.catalogue_index``); a database not ready yet is no reason to
# fail: the first search then reads it.
if os.environ.get("KOPRU_WARM_UP", "1") == "1":
    from kopru.calls.catalogue_index import warm_up

    warm_up()
