from django.urls import path

from kopru.core.routing import office_path

from . import feeds
from .models import Call, CallDocument, WhoAppliesRule
from .views import panel, public, who_applies

C = {"pk": Call}

panel_patterns = [
    path("cagrilar/", panel.panel_list, name="list"),
    path("cagrilar/yeni/", panel.panel_create, name="create"),
    path("cagrilar/ice-aktar/", panel.panel_import, name="import"),
    path("cagrilar/sablon.xlsx", panel.panel_template_xlsx, name="template_xlsx"),
    path("cagrilar/sablon.csv", panel.panel_template_csv, name="template_csv"),
    path("cagrilar/ayarlar/", panel.panel_settings, name="settings"),
    path("cagrilar/ozet-kuyrugu/", panel.panel_summary_queue, name="summary_queue"),
    path("cagrilar/kimler-basvurur/", who_applies.who_applies_list, name="who_applies"),
    path(
        "cagrilar/kimler-basvurur/yeni/",
        who_applies.who_applies_create,
        name="who_applies_create",
    ),
    office_path(
        "cagrilar/kimler-basvurur/<int:pk>/duzenle/",
        who_applies.who_applies_edit,
        name="who_applies_edit",
        models={"pk": WhoAppliesRule},
    ),
    office_path(
        "cagrilar/kimler-basvurur/<int:pk>/kaldir/",
        who_applies.who_applies_remove,
        name="who_applies_remove",
        models={"pk": WhoAppliesRule},
    ),
    office_path(
        "cagrilar/<int:pk>/turkce-ozet/", panel.panel_summary_write, name="summary_write", models=C
    ),
    office_path("cagrilar/<int:pk>/", panel.panel_detail, name="detail", models=C),
    office_path("cagrilar/<int:pk>/duzenle/", panel.panel_edit, name="edit", models=C),
    office_path("cagrilar/<int:pk>/yayimla/", panel.panel_publish, name="publish", models=C),
    office_path("cagrilar/<int:pk>/arsivle/", panel.panel_archive, name="archive", models=C),
    office_path(
        "cagrilar/<int:pk>/taslaga-dondur/", panel.panel_unpublish, name="unpublish", models=C
    ),
    office_path("cagrilar/<int:pk>/baglanti/", panel.panel_link_add, name="link_add", models=C),
    office_path(
        "cagrilar/<int:pk>/baglanti/kaldir/",
        panel.panel_link_remove,
        name="link_remove",
        models=C,
    ),
    office_path(
        "cagrilar/<int:pk>/belge-ekle/", panel.panel_document_add, name="document_add", models=C
    ),
    office_path(
        "cagrilar/<int:pk>/belge-kaldir/",
        panel.panel_document_remove,
        name="document_remove",
        models=C,
    ),
    office_path(
        "cagrilar/belge/<int:pk>/",
        panel.panel_document,
        name="document",
        models={"pk": CallDocument},
    ),
]

public_patterns = [
    path("cagrilar/", public.public_list, name="list"),
    path("cagrilar/eslestir/", public.public_match, name="match"),
    path("cagrilar/rss/", feeds.CallFeed(), name="rss"),
    path("cagrilar/atom/", feeds.AtomCallFeed(), name="atom"),
    path("cagrilar/<int:pk>/", public.public_detail, name="detail"),
    path("cagrilar/<int:pk>/takvim.ics", feeds.call_ics, name="ics"),
    path("cagrilar/belge/<int:pk>/", public.public_document, name="document"),
    path("cagrilar/<int:pk>/takip/", public.public_follow, name="follow"),
    path("cagrilar/takip/<str:token>/onayla/", public.follow_confirm, name="follow_confirm"),
    path(
        "cagrilar/takip/<str:token>/abonelikten-cik/",
        public.follow_unsubscribe,
        name="follow_unsubscribe",
    ),
    path("cagrilar/aramalar/kaydet/", public.save_search, name="save_search"),
    path("cagrilar/aramalar/<str:token>/", public.saved_search, name="saved"),
    path("cagrilar/aramalar/<str:token>/rss/", feeds.CallFeed(), name="saved_rss"),
    path("cagrilar/aramalar/<str:token>/atom/", feeds.AtomCallFeed(), name="saved_atom"),
    path("cagrilar/aramalar/<str:token>/takvim.ics", feeds.search_ics, name="saved_ics"),
    path("cagrilar/aramalar/<str:token>/onayla/", public.alert_confirm, name="alert_confirm"),
    path(
        "cagrilar/aramalar/<str:token>/abonelikten-cik/",
        public.alert_unsubscribe,
        name="alert_unsubscribe",
    ),
]
