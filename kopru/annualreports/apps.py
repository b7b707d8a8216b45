from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnnualReportsConfig(AppConfig):
    name = "kopru.annualreports"
    label = "annualreports"
    verbose_name = _("Faaliyet raporu")

    declarations = ()
