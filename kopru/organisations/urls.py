from django.urls import path

from kopru.core.routing import office_path

from . import public_views, views
from .models import Organisation, TeamMember

ORG = {"pk": Organisation}
M = {"pk": TeamMember}

panel_patterns = [
    path("kurumlar/", views.panel_list, name="list"),
    path("kurumlar/yeni/", views.panel_create, name="create"),
    path("kurumlar/mukerrer/", views.panel_duplicates, name="duplicates"),
    path("kurumlar/mukerrer/birlestir/", views.panel_merge, name="merge"),
    path("kurumlar/mukerrer/farkli/", views.panel_mark_distinct, name="mark_distinct"),
    path("kurumlar/ice-aktar/", views.panel_import, name="import"),
    path("kurumlar/ice-aktar/sablon.xlsx", views.panel_import_template, name="import_template"),
    path("kurumlar/disa-aktar.xlsx", views.panel_export, name="export"),
    office_path("kurumlar/<int:pk>/", views.panel_detail, name="detail", models=ORG),
    office_path("kurumlar/<int:pk>/duzenle/", views.panel_edit, name="edit", models=ORG),
    office_path(
        "kurumlar/<int:pk>/ekip-durumu/", views.panel_team_status, name="team_status", models=ORG
    ),
    office_path(
        "kurumlar/<int:pk>/ekip/yeni/", views.panel_member_create, name="member_create", models=ORG
    ),
    office_path(
        "ekip-uyeleri/<int:pk>/duzenle/", views.panel_member_edit, name="member_edit", models=M
    ),
    office_path(
        "ekip-uyeleri/<int:pk>/sil/", views.panel_member_delete, name="member_delete", models=M
    ),
    path("proje-ekipleri/", views.panel_teams, name="teams"),
]

member_patterns = [
    path("", views.member_home, name="home"),
    path("duzenle/", views.member_edit, name="edit"),
    path("proje-ekibi/", views.member_team, name="team"),
    path("proje-ekibi/durum/", views.member_team_status, name="team_status"),
    path("proje-ekibi/yeni/", views.member_member_create, name="member_create"),
    office_path(
        "proje-ekibi/<int:pk>/duzenle/", views.member_member_edit, name="member_edit", models=M
    ),
    office_path(
        "proje-ekibi/<int:pk>/sil/", views.member_member_delete, name="member_delete", models=M
    ),
]

public_patterns = [
    path("paydaslar/", public_views.directory, name="directory"),
    office_path("paydaslar/<int:pk>/", public_views.public_detail, name="organisation", models=ORG),
]
