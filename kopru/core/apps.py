from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "kopru.core"
    label = "core"
    verbose_name = _("Çekirdek")

    def ready(self) -> None:
        from kopru.accounts.permissions import can_coordinate_office

        from .registry import PanelMenuItem, add_panel_menu

        add_panel_menu(
            PanelMenuItem(
                label=_("Kişisel veri talepleri"),
                url_name="panel:core:personal_data",
                icon="person-lock",
                order=90,
                visible=can_coordinate_office,
            )
        )
