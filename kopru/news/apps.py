from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import (
    ConsentNotice,
    DigestTopic,
    HomeSection,
    PanelFigures,
    PanelMenuItem,
    PersonalDataProvider,
    PublicMenuItem,
    SitemapSection,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class NewsConfig(AppConfig):
    name = "kopru.news"
    label = "news"
    verbose_name = _("Haberler ve duyurular")

    declarations = (
        PanelMenuItem(_("Haberler"), "panel:news:list", icon="newspaper", order=15),
        PublicMenuItem(_("Haberler"), "public:news:list", icon="newspaper", order=15),
        HomeSection(
            "news/_home.html",
            context=ref("kopru.news.home.home_context"),
            label=_("Son haberler ve duyurular"),
            featurable=ref("kopru.news.home.home_candidates"),
            order=30,
        ),
        PanelFigures(ref("kopru.news.home.panel_figures")),
        SitemapSection(ref("kopru.news.home.sitemap_entries")),
        DigestTopic(
            key="news",
            label=_("Haberler ve duyurular"),
            items=ref("kopru.news.digest.news_items"),
            order=10,
        ),
        DigestTopic(
            key="calls",
            label=_("Yeni çağrılar"),
            items=ref("kopru.news.digest.calls_items"),
            order=20,
        ),
        DigestTopic(
            key="trainings",
            label=_("Yaklaşan eğitimler"),
            items=ref("kopru.news.digest.trainings_items"),
            order=30,
        ),
        ConsentNotice(
            key="news.digest",
            label=_("Bülten aboneliği"),
            text="kopru.news.forms.DIGEST_CONSENT_TEXT",
            collects=_("e-posta adresi, dil, seçilen konular ve sıklık"),
            purpose=_("seçtiğiniz konulardaki bülteni göndermek"),
            keeps=_("abonelikten çıkana kadar; sonra adres bülten için kullanılmaz"),
            order=15,
        ),
        SearchProvider(
            key="news",
            label=_("Haberler"),
            search=ref("kopru.news.selectors.site_search"),
            order=20,
        ),
        PersonalDataProvider(
            key="news.digest",
            label=_("Bülten abonelikleri"),
            find=ref("kopru.news.personal_data.find"),
            erase=ref("kopru.news.personal_data.erase"),
            order=60,
        ),
    )
