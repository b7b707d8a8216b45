from django.urls import path

from kopru.core.routing import office_path

from .models import Case
from .views import member, panel, public

C = {"pk": Case}

public_patterns = [
    path("danisma/", public.public_request, name="request"),
    path("danisma/takip/<str:token>/", public.public_follow, name="follow"),
]

panel_patterns = [
    path("danisma/", panel.panel_desk, name="desk"),
    path("danisma-talepleri/", panel.panel_list, name="list"),
    path("danisma-talepleri/disa-aktar.xlsx", panel.panel_export, name="export"),
    path("danisma/yeni/", panel.panel_log, name="log"),
    office_path(
        "danisma/bul/<str:kind>/", panel.panel_lookup, name="lookup", models={"kind": "kurum"}
    ),
    office_path("danisma/<int:pk>/", panel.panel_detail, name="detail", models=C),
    office_path("danisma/<int:pk>/duzenle/", panel.panel_edit, name="edit", models=C),
    office_path("danisma/<int:pk>/islem/reply/", panel.panel_reply, name="reply", models=C),
    office_path("danisma/<int:pk>/islem/note/", panel.panel_note, name="note", models=C),
    office_path("danisma/<int:pk>/islem/assign/", panel.panel_assign, name="assign", models=C),
    office_path("danisma/<int:pk>/islem/status/", panel.panel_status, name="status", models=C),
    office_path(
        "danisma/<int:pk>/islem/follow_up/", panel.panel_follow_up, name="follow_up", models=C
    ),
    office_path("danisma/<int:pk>/islem/close/", panel.panel_close, name="close", models=C),
    office_path("danisma/<int:pk>/islem/reopen/", panel.panel_reopen, name="reopen", models=C),
    office_path("danisma/<int:pk>/islem/link/", panel.panel_link, name="link", models=C),
]

member_patterns = [
    path("danisma/", member.member_list, name="mine"),
]
