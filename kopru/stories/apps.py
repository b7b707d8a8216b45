from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import (
    HomeSection,
    PanelFigures,
    PanelMenuItem,
    Provides,
    PublicMenuItem,
    RecordSection,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class StoriesConfig(AppConfig):
    name = "kopru.stories"
    label = "stories"
    verbose_name = _("Başarı hikâyeleri ve iyi uygulamalar")

    declarations = (
        PanelMenuItem(_("Başarı hikâyeleri"), "panel:stories:list", icon="stars", order=33),
        PublicMenuItem(_("Başarı hikâyeleri"), "public:stories:list", order=32),
        HomeSection(
            "stories/_home_section.html",
            context=ref("kopru.stories.home.home_context"),
            label=_("Başarı hikâyeleri ve iyi uygulamalar"),
            featurable=ref("kopru.stories.home.home_candidates"),
            order=50,
        ),
        RecordSection(
            model="projects.Project",
            template="stories/_project_section.html",
            context=ref("kopru.stories.home.project_section"),
        ),
        PanelFigures(ref("kopru.stories.home.panel_figures")),
        # Section III of the annual activity report lists the year's stories.
        Provides("annualreports.stories", ref("kopru.stories.selectors.annual_report_stories")),
        SearchProvider(
            key="stories",
            label=_("Başarı hikâyeleri"),
            search=ref("kopru.stories.selectors.site_search"),
            list_url_name="public:stories:list",
            order=60,
        ),
    )
