from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PartnersConfig(AppConfig):
    name = "kopru.partners"
    label = "partners"
    verbose_name = _("Ortak arama")

    def ready(self) -> None:
        from kopru.core.registry import (
            HomeSection,
            PanelMenuItem,
            PersonalDataProvider,
            add_home_section,
            add_member_menu,
            add_panel_menu,
            add_personal_data,
            add_public_menu,
        )

        from . import personal_data
        from .views import home_section_context

        add_panel_menu(
            PanelMenuItem(
                label=_("Ortak arama"), url_name="panel:partners:list", icon="people", order=36
            )
        )
        add_member_menu(
            PanelMenuItem(
                label=_("Ortak arama ilanlarımız"),
                url_name="kurum:partners:list",
                icon="people",
                order=30,
            )
        )
        add_member_menu(
            PanelMenuItem(
                label=_("Verdiğimiz yanıtlar"),
                url_name="kurum:partners:sent",
                icon="reply",
                order=31,
            )
        )
        add_public_menu(
            PanelMenuItem(label=_("Ortak arama"), url_name="public:partners:list", order=35)
        )
        add_home_section(
            HomeSection(
                template="partners/_home_section.html", context=home_section_context, order=45
            )
        )
        add_personal_data(
            PersonalDataProvider(
                key="partners",
                label=_("Ortak arama yanıtları"),
                find=personal_data.find,
                erase=personal_data.erase,
                order=40,
            )
        )
