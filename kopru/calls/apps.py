from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import HomeSection, PanelFigures, PanelMenuItem, PublicMenuItem, ref


class CallsConfig(AppConfig):
    name = "kopru.calls"
    label = "calls"
    verbose_name = _("Hibe ve kredi çağrıları")

    declarations = (
        PanelMenuItem(_("Çağrılar"), "panel:calls:list", icon="megaphone", order=20),
        PublicMenuItem(_("Çağrılar"), "public:calls:list", icon="megaphone", order=20),
        HomeSection("calls/_home.html", context=ref("kopru.calls.home.home_context"), order=20),
        PanelFigures(ref("kopru.calls.home.panel_figures")),
    )
