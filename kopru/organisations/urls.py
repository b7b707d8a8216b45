from django.urls import path

from kopru.core.routing import office_path

from .models import Organisation, TeamMember
from .views import member, panel, public

ORG = {"pk": Organisation}
M = {"pk": TeamMember}

panel_patterns = [
    path("kurumlar/", panel.panel_list, name="list"),
    path("kurumlar/yeni/", panel.panel_create, name="create"),
    path("kurumlar/mukerrer/", panel.panel_duplicates, name="duplicates"),
    path("kurumlar/mukerrer/birlestir/", panel.panel_merge, name="merge"),
    path("kurumlar/mukerrer/farkli/", panel.panel_mark_distinct, name="mark_distinct"),
    path("kurumlar/ice-aktar/", panel.panel_import, name="import"),
    path("kurumlar/ice-aktar/sablon.xlsx", panel.panel_import_template, name="import_template"),
    path("kurumlar/disa-aktar.xlsx", panel.panel_export, name="export"),
    office_path("kurumlar/<int:pk>/", panel.panel_detail, name="detail", models=ORG),
    office_path("kurumlar/<int:pk>/duzenle/", panel.panel_edit, name="edit", models=ORG),
    office_path(
        "kurumlar/<int:pk>/ekip-durumu/", panel.panel_team_status, name="team_status", models=ORG
    ),
    office_path(
        "kurumlar/<int:pk>/ekip/yeni/", panel.panel_member_create, name="member_create", models=ORG
    ),
    office_path(
        "ekip-uyeleri/<int:pk>/duzenle/", panel.panel_member_edit, name="member_edit", models=M
    ),
    office_path(
        "ekip-uyeleri/<int:pk>/sil/", panel.panel_member_delete, name="member_delete", models=M
    ),
    path("proje-ekipleri/", panel.panel_teams, name="teams"),
]

member_patterns = [
    path("", member.member_home, name="home"),
    path("duzenle/", member.member_edit, name="edit"),
    path("proje-ekibi/", member.member_team, name="team"),
    path("proje-ekibi/durum/", member.member_team_status, name="team_status"),
    path("proje-ekibi/yeni/", member.member_member_create, name="member_create"),
    office_path(
        "proje-ekibi/<int:pk>/duzenle/", member.member_member_edit, name="member_edit", models=M
    ),
    office_path(
        "proje-ekibi/<int:pk>/sil/", member.member_member_delete, name="member_delete", models=M
    ),
]

public_patterns = [
    path("paydaslar/", public.directory, name="directory"),
    office_path("paydaslar/<int:pk>/", public.public_detail, name="organisation", models=ORG),
]
