from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import (
    ConsentNotice,
    HomeSection,
    MemberMenuItem,
    PanelMenuItem,
    PersonalDataProvider,
    PublicMenuItem,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class PartnersConfig(AppConfig):
    name = "kopru.partners"
    label = "partners"
    verbose_name = _("Ortak arama")

    declarations = (
        PanelMenuItem(_("Ortak arama"), "panel:partners:list", icon="people", order=36),
        MemberMenuItem(
            _("Ortak arama ilanlarımız"), "kurum:partners:list", icon="people", order=30
        ),
        MemberMenuItem(_("Verdiğimiz yanıtlar"), "kurum:partners:sent", icon="reply", order=31),
        PublicMenuItem(_("Ortak arama"), "public:partners:list", order=35),
        HomeSection(
            "partners/_home_section.html",
            context=ref("kopru.partners.views.home_section_context"),
            order=45,
        ),
        PersonalDataProvider(
            key="partners",
            label=_("Ortak arama yanıtları"),
            find=ref("kopru.partners.personal_data.find"),
            erase=ref("kopru.partners.personal_data.erase"),
            order=40,
        ),
        ConsentNotice(
            key="partners.answer",
            label=_("Ortak arama ilanına yanıt"),
            text="kopru.partners.forms.KVKK_TEXT",
            collects=_("ad soyad, kurum, ülke, e-posta adresi, iletiler"),
            purpose=_("ilan sahibiyle platform üzerinden yazışmanızı sağlamak"),
            keeps=_("ilan ve yazışma süresince; silinmesini istediğiniz zamana kadar"),
            order=45,
        ),
        SearchProvider(
            key="partners",
            label=_("Ortak arama ilanları"),
            search=ref("kopru.partners.selectors.site_search"),
            list_url_name="public:partners:list",
            order=70,
        ),
    )
