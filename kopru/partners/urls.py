from django.urls import path

from kopru.core.routing import office_path

from . import views
from .models import Answer, PartnerSearch

P = {"pk": PartnerSearch}


def _managed_routes() -> list:  # type: ignore[type-arg]
    """The same pages in the kurum and panel areas; the area decides the rules."""
    return [
        path("ortak-arama/", views.post_list, name="list"),
        path("ortak-arama/yeni/", views.post_create, name="create"),
        office_path("ortak-arama/<int:pk>/", views.post_detail, name="detail", models=P),
        office_path("ortak-arama/<int:pk>/duzenle/", views.post_edit, name="edit", models=P),
        office_path("ortak-arama/<int:pk>/kapat/", views.post_close, name="close", models=P),
        office_path("ortak-arama/<int:pk>/yeniden-ac/", views.post_reopen, name="reopen", models=P),
        office_path(
            "ortak-arama/yanit/<int:pk>/",
            views.answer_thread,
            name="answer",
            models={"pk": Answer},
        ),
        office_path(
            "ortak-arama/bul/<str:kind>/", views.lookup, name="lookup", models={"kind": "cagri"}
        ),
    ]


public_patterns = [
    path("ortak-arama/", views.public_list, name="list"),
    office_path("ortak-arama/<int:pk>/", views.public_detail, name="detail", models=P),
    path("ortak-arama/yazisma/<str:token>/", views.public_thread, name="thread"),
]

member_patterns = [
    *_managed_routes(),
    path("ortak-arama/yanitlarimiz/", views.sent_answers, name="sent"),
]

panel_patterns = [
    *_managed_routes(),
    office_path(
        "ortak-arama/yanit/<int:pk>/baglanti-yenile/",
        views.answer_link_renew,
        name="link_renew",
        models={"pk": Answer},
    ),
]
