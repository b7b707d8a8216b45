from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "kopru.organisations"
    label = "organisations"
    verbose_name = _("Kurumlar")

    def ready(self) -> None:
        from kopru.core.registry import (
            PanelMenuItem,
            PersonalDataProvider,
            add_member_menu,
            add_panel_figures,
            add_panel_menu,
            add_personal_data,
            add_public_menu,
        )

        from . import personal_data

        add_panel_menu(
            PanelMenuItem(
                label=_("Kurumlar"), url_name="panel:organisations:list", icon="buildings", order=60
            )
        )
        add_panel_menu(
            PanelMenuItem(
                label=_("Proje ekipleri"),
                url_name="panel:organisations:teams",
                icon="people-fill",
                order=61,
            )
        )
        add_member_menu(
            PanelMenuItem(
                label=_("Proje ekibimiz"),
                url_name="kurum:organisations:team",
                icon="people",
                order=10,
            )
        )
        add_public_menu(
            PanelMenuItem(label=_("Paydaşlar"), url_name="public:organisations:directory", order=40)
        )
        add_panel_figures(_panel_figures)
        add_personal_data(
            PersonalDataProvider(
                key="organisations",
                label=_("Proje ekibi üyelikleri"),
                find=personal_data.find,
                erase=personal_data.erase,
                order=20,
            )
        )


def _panel_figures(office: object) -> list[tuple[object, object]]:
    from .selectors import team_figures

    counts = team_figures()
    return [
        (
            _("Proje ekibi kurmuş kamu kurumu"),
            f"{counts['formed']} / {counts['total']}",
        )
    ]
