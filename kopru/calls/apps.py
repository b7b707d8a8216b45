from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


def _home_context(request: Any, office: Any) -> dict[str, Any]:
    from kopru.core.scoping import public_scope

    from .selectors import catalogue_base, order, with_list_relations

    with public_scope(None):
        calls = list(
            with_list_relations(order(catalogue_base(office), "deadline")).filter(
                next_deadline__isnull=False
            )[:5]
        )
    return {"calls_home": calls}


def _figures(office: Any) -> list[tuple[Any, Any]]:
    from kopru.core.scoping import office_scope

    from .selectors import panel_counts

    with office_scope(office):
        counts = panel_counts(office)
    return [
        (_("Yayındaki çağrılar"), counts["published"]),
        (_("İncelenecek taslak çağrılar"), counts["drafts"]),
        (_("14 gün içinde kapanan çağrılar"), counts["closing"]),
    ]


class CallsConfig(AppConfig):
    name = "kopru.calls"
    label = "calls"
    verbose_name = _("Hibe ve kredi çağrıları")

    def ready(self) -> None:
        from kopru.core.registry import (
            HomeSection,
            PanelMenuItem,
            add_home_section,
            add_panel_figures,
            add_panel_menu,
            add_public_menu,
        )

        add_panel_menu(
            PanelMenuItem(
                label=_("Çağrılar"), url_name="panel:calls:list", icon="megaphone", order=20
            )
        )
        add_public_menu(
            PanelMenuItem(
                label=_("Çağrılar"), url_name="public:calls:list", icon="megaphone", order=20
            )
        )
        add_home_section(HomeSection(template="calls/_home.html", context=_home_context, order=20))
        add_panel_figures(_figures)
