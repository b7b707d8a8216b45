from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import PanelMenuItem


class AnnualReportsConfig(AppConfig):
    name = "kopru.annualreports"
    label = "annualreports"
    verbose_name = _("Faaliyet raporu")

    declarations = (
        PanelMenuItem(
            _("Faaliyet raporu"), "panel:annualreports:list", icon="journal-text", order=80
        ),
    )
