from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.mywork import WorkItems
from kopru.core.registry import (
    HomeSection,
    MemberMenuItem,
    PanelFigures,
    PanelMenuItem,
    PublicMenuItem,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class ProjectsConfig(AppConfig):
    name = "kopru.projects"
    label = "projects"
    verbose_name = _("Proje envanteri")

    declarations = (
        PanelMenuItem(_("Projeler"), "panel:projects:list", icon="kanban", order=30),
        PanelMenuItem(_("Proje izleme"), "panel:projects:monitoring", icon="activity", order=31),
        MemberMenuItem(_("Projelerimiz"), "kurum:projects:list", icon="kanban", order=20),
        PublicMenuItem(_("Proje veri bankası"), "public:projects:databank", order=30),
        HomeSection(
            "projects/home_section.html", context=ref("kopru.projects.home.home_context"), order=40
        ),
        PanelFigures(ref("kopru.projects.home.panel_figures")),
        SearchProvider(
            key="projects",
            label=_("Projeler"),
            search=ref("kopru.projects.selectors.site_search"),
            list_url_name="public:projects:databank",
            order=30,
        ),
        WorkItems(
            key="projects",
            label=_("Proje raporları ve izleme"),
            items=ref("kopru.projects.selectors.work_items"),
            list_url_name="panel:projects:monitoring",
            order=30,
        ),
    )
