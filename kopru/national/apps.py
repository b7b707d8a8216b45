from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    name = "kopru.national"
    label = "national"
    verbose_name = _("Ulusal görünüm")

    declarations = ()
