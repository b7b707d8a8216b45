from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import (
    MemberMenuItem,
    PanelFigures,
    PanelMenuItem,
    PersonalDataProvider,
    PublicMenuItem,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class OrganisationsConfig(AppConfig):
    name = "kopru.organisations"
    label = "organisations"
    verbose_name = _("Kurumlar")

    declarations = (
        PanelMenuItem(_("Kurumlar"), "panel:organisations:list", icon="buildings", order=60),
        PanelMenuItem(
            _("Proje ekipleri"), "panel:organisations:teams", icon="people-fill", order=61
        ),
        MemberMenuItem(_("Proje ekibimiz"), "kurum:organisations:team", icon="people", order=10),
        PublicMenuItem(_("Paydaşlar"), "public:organisations:directory", order=40),
        PanelFigures(ref("kopru.organisations.home.panel_figures")),
        PersonalDataProvider(
            key="organisations",
            label=_("Proje ekibi üyelikleri"),
            find=ref("kopru.organisations.personal_data.find"),
            erase=ref("kopru.organisations.personal_data.erase"),
            order=20,
        ),
        SearchProvider(
            key="organisations",
            label=_("Paydaşlar"),
            search=ref("kopru.organisations.selectors.site_search"),
            list_url_name="public:organisations:directory",
            order=80,
        ),
    )
