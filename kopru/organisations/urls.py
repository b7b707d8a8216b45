from django.urls import path

from kopru.core.routing import office_path

from . import views
from .models import Organisation

panel_patterns = [
    path("kurumlar/", views.panel_list, name="list"),
    path("kurumlar/yeni/", views.panel_create, name="create"),
    office_path(
        "kurumlar/<int:pk>/", views.panel_detail, name="detail", models={"pk": Organisation}
    ),
    office_path(
        "kurumlar/<int:pk>/duzenle/", views.panel_edit, name="edit", models={"pk": Organisation}
    ),
]

member_patterns = [
    path("", views.member_home, name="home"),
    path("duzenle/", views.member_edit, name="edit"),
]
