from django.urls import path

from kopru.core.routing import office_path

from . import feeds, views
from .models import Call, CallDocument

panel_patterns = [
    path("cagrilar/", views.panel_list, name="list"),
    path("cagrilar/yeni/", views.panel_create, name="create"),
    path("cagrilar/ice-aktar/", views.panel_import, name="import"),
    path("cagrilar/sablon.xlsx", views.panel_template_xlsx, name="template_xlsx"),
    path("cagrilar/sablon.csv", views.panel_template_csv, name="template_csv"),
    path("cagrilar/ayarlar/", views.panel_settings, name="settings"),
    office_path("cagrilar/<int:pk>/", views.panel_detail, name="detail", models={"pk": Call}),
    office_path("cagrilar/<int:pk>/duzenle/", views.panel_edit, name="edit", models={"pk": Call}),
    office_path(
        "cagrilar/belge/<int:pk>/",
        views.panel_document,
        name="document",
        models={"pk": CallDocument},
    ),
]

public_patterns = [
    path("cagrilar/", views.public_list, name="list"),
    path("cagrilar/eslestir/", views.public_match, name="match"),
    path("cagrilar/rss/", feeds.CallFeed(), name="rss"),
    path("cagrilar/atom/", feeds.AtomCallFeed(), name="atom"),
    path("cagrilar/<int:pk>/", views.public_detail, name="detail"),
    path("cagrilar/<int:pk>/takvim.ics", feeds.call_ics, name="ics"),
    path("cagrilar/belge/<int:pk>/", views.public_document, name="document"),
    path("cagrilar/<int:pk>/takip/", views.public_follow, name="follow"),
    path("cagrilar/takip/<str:token>/onayla/", views.follow_confirm, name="follow_confirm"),
    path(
        "cagrilar/takip/<str:token>/abonelikten-cik/",
        views.follow_unsubscribe,
        name="follow_unsubscribe",
    ),
    path("cagrilar/aramalar/kaydet/", views.save_search, name="save_search"),
    path("cagrilar/aramalar/<str:token>/", views.saved_search, name="saved"),
    path("cagrilar/aramalar/<str:token>/rss/", feeds.CallFeed(), name="saved_rss"),
    path("cagrilar/aramalar/<str:token>/atom/", feeds.AtomCallFeed(), name="saved_atom"),
    path("cagrilar/aramalar/<str:token>/takvim.ics", feeds.search_ics, name="saved_ics"),
    path("cagrilar/aramalar/<str:token>/onayla/", views.alert_confirm, name="alert_confirm"),
    path(
        "cagrilar/aramalar/<str:token>/abonelikten-cik/",
        views.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
]
