from django.urls import path

from kopru.core.routing import office_path

from . import views
from .models import Case

C = {"pk": Case}

public_patterns = [
    path("danisma/", views.public_request, name="request"),
    path("danisma/takip/<str:token>/", views.public_follow, name="follow"),
]

panel_patterns = [
    path("danisma/", views.panel_desk, name="desk"),
    path("danisma-talepleri/", views.panel_list, name="list"),
    path("danisma-talepleri/disa-aktar.xlsx", views.panel_export, name="export"),
    path("danisma/yeni/", views.panel_log, name="log"),
    office_path(
        "danisma/bul/<str:kind>/", views.panel_lookup, name="lookup", models={"kind": "kurum"}
    ),
    office_path("danisma/<int:pk>/", views.panel_detail, name="detail", models=C),
    office_path("danisma/<int:pk>/duzenle/", views.panel_edit, name="edit", models=C),
    office_path(
        "danisma/<int:pk>/islem/<str:action>/",
        views.panel_action,
        name="action",
        models={"pk": Case, "action": "note"},
    ),
]

member_patterns = [
    path("danisma/", views.member_list, name="mine"),
]
