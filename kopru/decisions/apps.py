from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.mywork import WorkItems
from kopru.core.registry import (
    AgendaSource,
    MeetingDecisions,
    MemberMenuItem,
    PanelMenuItem,
    PublicMenuItem,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class DecisionsConfig(AppConfig):
    name = "kopru.decisions"
    label = "decisions"
    verbose_name = _("Kararlar ve eylemler")

    declarations = (
        PanelMenuItem(
            _("Kararlar ve eylemler"), "panel:decisions:list", icon="check2-square", order=50
        ),
        MemberMenuItem(
            _("Kurumumuzun kararları"), "kurum:decisions:list", icon="check2-square", order=45
        ),
        PublicMenuItem(_("Hesap verebilirlik"), "public:decisions:list", order=50),
        AgendaSource(
            key="decisions",
            label=_("Kurulun açık kararları"),
            items=ref("kopru.decisions.selectors.agenda_items"),
        ),
        MeetingDecisions(
            key="decisions",
            label=_("Toplantıda alınan kararlar"),
            decisions=ref("kopru.decisions.selectors.meeting_decisions"),
        ),
        SearchProvider(
            key="decisions",
            label=_("Kararlar"),
            search=ref("kopru.decisions.selectors.site_search"),
            order=90,
        ),
        WorkItems(
            key="decisions",
            label=_("Güncellenecek kararlar ve eylemler"),
            items=ref("kopru.decisions.selectors.work_items"),
            list_url_name="panel:decisions:list",
            order=40,
        ),
    )
