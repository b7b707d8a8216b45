from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import PanelMenuItem, PersonalDataProvider, PublicMenuItem, ref
from kopru.core.sitesearch import SearchProvider


class ConsultationsConfig(AppConfig):
    name = "kopru.consultations"
    label = "consultations"
    verbose_name = _("Kamu istişareleri")

    declarations = (
        PanelMenuItem(
            _("Kamu istişareleri"), "panel:consultations:list", icon="chat-square-text", order=52
        ),
        PublicMenuItem(_("İstişareler"), "public:consultations:list", order=52),
        PersonalDataProvider(
            key="consultations",
            label=_("İstişare katkıları"),
            find=ref("kopru.consultations.personal_data.find"),
            erase=ref("kopru.consultations.personal_data.erase"),
            order=50,
        ),
        SearchProvider(
            key="consultations",
            label=_("İstişareler"),
            search=ref("kopru.consultations.selectors.site_search"),
            order=95,
        ),
    )
