from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import PanelFigures, PanelMenuItem, PublicMenuItem, ref


class StatisticsConfig(AppConfig):
    name = "kopru.statistics"
    label = "statistics"
    verbose_name = _("İstatistikler ve gösterge paneli")

    declarations = (
        PanelMenuItem(
            _("Gösterge paneli"), "panel:statistics:dashboard", icon="speedometer2", order=1
        ),
        PublicMenuItem(_("İstatistikler"), "public:statistics:index", icon="bar-chart", order=85),
        PanelFigures(ref("kopru.statistics.home.panel_figures")),
    )
