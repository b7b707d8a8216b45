from django.urls import path

from kopru.core.routing import office_path

from .models import Opportunity
from .views import feeds, panel, public

OPP = {"pk": Opportunity}

panel_patterns = [
    path("genclik/", panel.opportunity_list, name="list"),
    path("genclik/yeni/", panel.opportunity_create, name="create"),
    office_path("genclik/<int:pk>/", panel.opportunity_detail, name="detail", models=OPP),
    office_path("genclik/<int:pk>/duzenle/", panel.opportunity_edit, name="edit", models=OPP),
    office_path("genclik/<int:pk>/yayimla/", panel.opportunity_publish, name="publish", models=OPP),
    office_path(
        "genclik/<int:pk>/taslaga-al/", panel.opportunity_unpublish, name="unpublish", models=OPP
    ),
    office_path("genclik/<int:pk>/arsivle/", panel.opportunity_archive, name="archive", models=OPP),
]

public_patterns = [
    path("genclik/", public.finder, name="list"),
    office_path("genclik/<int:pk>/", public.detail, name="detail", models=OPP),
    path("genclik/rss/", feeds.DeadlineFeed(), name="rss"),
    path("genclik/son-tarihler.ics", feeds.deadlines_ics, name="ics"),
    path("genclik/soru/", public.question, name="question"),
    path("genclik/aramalar/", public.save_search, name="save_search"),
    path("genclik/aramalar/<str:token>/", public.saved, name="saved"),
    path("genclik/aramalar/<str:token>/onayla/", public.alert_confirm, name="alert_confirm"),
    path(
        "genclik/aramalar/<str:token>/abonelikten-cik/",
        public.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
]
