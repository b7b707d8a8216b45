from django.urls import path

from kopru.core.routing import office_path

from .models import Answer, PartnerSearch
from .views import member, panel, public, shared

P = {"pk": PartnerSearch}


def _managed_routes() -> list:  # type: ignore[type-arg]
    """The same pages in the kurum and panel areas; the area decides the rules."""
    return [
        path("ortak-arama/", shared.post_list, name="list"),
        path("ortak-arama/yeni/", shared.post_create, name="create"),
        office_path("ortak-arama/<int:pk>/", shared.post_detail, name="detail", models=P),
        office_path("ortak-arama/<int:pk>/duzenle/", shared.post_edit, name="edit", models=P),
        office_path("ortak-arama/<int:pk>/kapat/", shared.post_close, name="close", models=P),
        office_path(
            "ortak-arama/<int:pk>/yeniden-ac/", shared.post_reopen, name="reopen", models=P
        ),
        office_path(
            "ortak-arama/yanit/<int:pk>/",
            shared.answer_thread,
            name="answer",
            models={"pk": Answer},
        ),
        office_path(
            "ortak-arama/bul/<str:kind>/", shared.lookup, name="lookup", models={"kind": "cagri"}
        ),
    ]


public_patterns = [
    path("ortak-arama/", public.public_list, name="list"),
    office_path("ortak-arama/<int:pk>/", public.public_detail, name="detail", models=P),
    path("ortak-arama/yazisma/<str:token>/", public.public_thread, name="thread"),
]

member_patterns = [
    *_managed_routes(),
    path("ortak-arama/yanitlarimiz/", member.sent_answers, name="sent"),
]

panel_patterns = [
    *_managed_routes(),
    office_path(
        "ortak-arama/yanit/<int:pk>/baglanti-yenile/",
        panel.answer_link_renew,
        name="link_renew",
        models={"pk": Answer},
    ),
]
