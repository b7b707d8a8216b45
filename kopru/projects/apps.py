from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "kopru.projects"
    label = "projects"
    verbose_name = _("Proje envanteri")

    def ready(self) -> None:
        from kopru.core.registry import (
            HomeSection,
            PanelMenuItem,
            add_home_section,
            add_member_menu,
            add_panel_figures,
            add_panel_menu,
            add_public_menu,
        )

        from .home import home_context, panel_figures

        add_panel_menu(
            PanelMenuItem(
                label=_("Projeler"), url_name="panel:projects:list", icon="kanban", order=30
            )
        )
        add_panel_menu(
            PanelMenuItem(
                label=_("Proje izleme"),
                url_name="panel:projects:monitoring",
                icon="activity",
                order=31,
            )
        )
        add_member_menu(
            PanelMenuItem(
                label=_("Projelerimiz"), url_name="kurum:projects:list", icon="kanban", order=20
            )
        )
        add_public_menu(
            PanelMenuItem(
                label=_("Proje veri bankası"), url_name="public:projects:databank", order=30
            )
        )
        add_home_section(
            HomeSection(template="projects/home_section.html", context=home_context, order=40)
        )
        add_panel_figures(panel_figures)
