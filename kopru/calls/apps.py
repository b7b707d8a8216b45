from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.mywork import WorkItems
from kopru.core.registry import (
    ConsentNotice,
    HomeSection,
    PanelFigures,
    PanelMenuItem,
    PublicMenuItem,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class CallsConfig(AppConfig):
    name = "kopru.calls"
    label = "calls"
    verbose_name = _("Hibe ve kredi çağrıları")

    declarations = (
        PanelMenuItem(_("Çağrılar"), "panel:calls:list", icon="megaphone", order=20),
        PanelMenuItem(
            _("Kimler başvurur"), "panel:calls:who_applies", icon="person-check", order=21
        ),
        PublicMenuItem(_("Çağrılar"), "public:calls:list", icon="megaphone", order=20),
        HomeSection("calls/_home.html", context=ref("kopru.calls.home.home_context"), order=20),
        PanelFigures(ref("kopru.calls.home.panel_figures")),
        ConsentNotice(
            key="calls.alerts",
            label=_("Çağrı uyarıları ve son tarih hatırlatmaları"),
            text="kopru.calls.forms.CONSENT_TEXT",
            collects=_("e-posta adresi, dil, seçilen arama ya da çağrı"),
            purpose=_("seçtiğiniz çağrı bildirimlerini ve hatırlatmaları göndermek"),
            keeps=_("abonelikten çıkana kadar; sonra adres bildirim için kullanılmaz"),
            order=20,
        ),
        SearchProvider(
            key="calls",
            label=_("Çağrılar"),
            search=ref("kopru.calls.selectors.site_search"),
            list_url_name="public:calls:list",
            order=10,
        ),
        WorkItems(
            key="calls",
            label=_("İncelenecek çağrılar"),
            items=ref("kopru.calls.selectors.work_items"),
            list_url_name="panel:calls:list",
            order=20,
        ),
    )
