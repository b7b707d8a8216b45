from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kopru.organisations"
    label = "organisations"
    verbose_name = _("Kurumlar")

    def ready(self) -> None:
        from kopru.core.registry import PanelMenuItem, add_panel_menu

        add_panel_menu(
            PanelMenuItem(
                label=_("Kurumlar"), url_name="panel:organisations:list", icon="buildings", order=60
            )
        )
