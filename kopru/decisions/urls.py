from django.urls import path

from kopru.core.routing import office_path

from .models import Decision, DecisionLink, Milestone
from .views import member, panel, public, shared

D = {"pk": Decision}

public_patterns = [
    path("kararlar/", public.accountability, name="list"),
    office_path("kararlar/<int:pk>/", public.decision_detail, name="detail", models=D),
    path("kararlar/ilerleme/<str:token>/", public.progress_link, name="progress_link"),
]

member_patterns = [
    path("kararlar/", member.member_list, name="list"),
    office_path("kararlar/<int:pk>/ilerleme/", shared.progress, name="progress", models=D),
]

panel_patterns = [
    path("kararlar/", panel.panel_list, name="list"),
    path("kararlar/yeni/", panel.panel_create, name="create"),
    office_path("kararlar/<int:pk>/", panel.panel_detail, name="detail", models=D),
    office_path("kararlar/<int:pk>/duzenle/", panel.panel_edit, name="edit", models=D),
    office_path("kararlar/<int:pk>/ilerleme/", shared.progress, name="progress", models=D),
    office_path("kararlar/<int:pk>/iptal/", panel.panel_cancel, name="cancel", models=D),
    office_path("kararlar/<int:pk>/yeniden-ac/", panel.panel_reopen, name="reopen", models=D),
    office_path(
        "kararlar/<int:pk>/baglanti-yenile/", panel.panel_link_renew, name="link_renew", models=D
    ),
    office_path(
        "kararlar/<int:pk>/ara-adim/", panel.panel_milestone_add, name="milestone_add", models=D
    ),
    office_path(
        "kararlar/ara-adim/<int:pk>/tamam/",
        panel.panel_milestone_done,
        name="milestone_done",
        models={"pk": Milestone},
    ),
    office_path(
        "kararlar/ara-adim/<int:pk>/sil/",
        panel.panel_milestone_delete,
        name="milestone_delete",
        models={"pk": Milestone},
    ),
    office_path("kararlar/<int:pk>/baglanti/", panel.panel_link_add, name="link_add", models=D),
    office_path(
        "kararlar/baglanti/<int:pk>/kaldir/",
        panel.panel_link_remove,
        name="link_remove",
        models={"pk": DecisionLink},
    ),
]
