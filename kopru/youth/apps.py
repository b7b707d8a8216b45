from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import (
    CalendarSource,
    ConsentNotice,
    DigestTopic,
    HomeSection,
    PanelFigures,
    PanelMenuItem,
    PersonalDataProvider,
    PublicMenuItem,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class YouthConfig(AppConfig):
    name = "kopru.youth"
    label = "youth"
    verbose_name = _("Gençlik hareketliliği fırsatları (Eurodesk)")

    declarations = (
        PanelMenuItem(_("Gençlik fırsatları"), "panel:youth:list", icon="backpack", order=34),
        PublicMenuItem(_("Gençlik fırsatları"), "public:youth:list", order=33),
        CalendarSource(
            key="youth",
            label=_("Gençlik fırsatlarının son başvuru tarihleri"),
            events=ref("kopru.youth.calendar.deadline_events"),
            order=60,
        ),
        HomeSection(
            "youth/_home_section.html",
            context=ref("kopru.youth.home.home_context"),
            label=_("Gençlik fırsatları (Eurodesk)"),
            featurable=ref("kopru.youth.home.home_candidates"),
            order=35,
        ),
        PanelFigures(ref("kopru.youth.home.panel_figures")),
        SearchProvider(
            key="youth",
            label=_("Gençlik fırsatları"),
            search=ref("kopru.youth.selectors.site_search"),
            list_url_name="public:youth:list",
            order=50,
        ),
        DigestTopic(
            key="youth",
            label=_("Gençlik fırsatları"),
            items=ref("kopru.youth.digest.youth_items"),
            order=40,
        ),
        ConsentNotice(
            key="youth.alerts",
            label=_("Gençlik fırsatı uyarıları"),
            text="kopru.youth.forms.ALERT_CONSENT",
            collects=_("e-posta adresi, dil, kaydedilen arama ve sıklık"),
            purpose=_("kaydettiğiniz aramaya uyan yeni gençlik fırsatlarını bildirmek"),
            keeps=_("abonelikten çıkana kadar; sonra adres bildirim için kullanılmaz"),
            order=25,
        ),
        ConsentNotice(
            key="youth.eurodesk",
            label=_("Eurodesk'e soru"),
            text="kopru.youth.forms.EURODESK_CONSENT",
            collects=_("ad, e-posta adresi, sorunun metni"),
            purpose=_("Eurodesk temas noktası olarak sorunuzu yanıtlamak"),
            keeps=_(
                "danışma kaydı olarak, rehberlik talepleriyle aynı sürece; silinmesini "
                "istediğiniz zamana kadar"
            ),
            order=45,
        ),
        PersonalDataProvider(
            key="youth.alerts",
            label=_("Gençlik fırsatı uyarıları"),
            find=ref("kopru.youth.personal_data.find"),
            erase=ref("kopru.youth.personal_data.erase"),
            order=65,
        ),
    )
