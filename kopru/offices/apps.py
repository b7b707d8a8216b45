from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import Provides, ref


class OfficesConfig(AppConfig):
    name = "kopru.offices"
    label = "offices"
    verbose_name = _("Ofisler")

    # The tenant: core's middleware and switcher find offices through kopru.core.tenancy.
    declarations = (
        Provides("office_by_slug", ref("kopru.offices.selectors.active_office")),
        Provides("office_list", ref("kopru.offices.selectors.office_list")),
    )
