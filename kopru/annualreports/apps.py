from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.mywork import WorkItems
from kopru.core.registry import PanelMenuItem, ref


class AnnualReportsConfig(AppConfig):
    name = "kopru.annualreports"
    label = "annualreports"
    verbose_name = _("Faaliyet raporu")

    declarations = (
        PanelMenuItem(
            _("Faaliyet raporu"), "panel:annualreports:list", icon="journal-text", order=80
        ),
        WorkItems(
            key="annualreports",
            label=_("Faaliyet raporu"),
            items=ref("kopru.annualreports.selectors.work_items"),
            list_url_name="panel:annualreports:list",
            order=50,
        ),
    )
