from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingsConfig(AppConfig):
    name = "kopru.trainings"
    label = "trainings"
    verbose_name = _("Eğitimler ve etkinlikler")

    def ready(self) -> None:
        from kopru.core.registry import (
            HomeSection,
            PanelMenuItem,
            add_home_section,
            add_panel_figures,
            add_panel_menu,
            add_public_menu,
        )

        from .views import home_section_context

        add_panel_menu(
            PanelMenuItem(
                label=_("Eğitimler"), url_name="panel:trainings:list", icon="easel", order=30
            )
        )
        add_panel_menu(
            PanelMenuItem(
                label=_("Eğitim istatistikleri"),
                url_name="panel:trainings:statistics",
                icon="bar-chart",
                order=31,
            )
        )
        add_public_menu(
            PanelMenuItem(label=_("Eğitimler"), url_name="public:trainings:list", order=30)
        )
        add_home_section(
            HomeSection(
                template="trainings/_home_section.html", context=home_section_context, order=30
            )
        )
        add_panel_figures(_panel_figures)


def _panel_figures(office: object) -> list[tuple[object, object]]:
    from .selectors import trainees_since

    first, people = trainees_since()
    label = (
        _("%(year)s yılından bu yana eğitim alan kişi") % {"year": first}
        if first
        else _("Eğitim alan kişi")
    )
    return [(label, people)]
