from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import (
    CalendarSource,
    ConsentNotice,
    HomeSection,
    PanelFigures,
    PanelMenuItem,
    PublicMenuItem,
    ref,
)
from kopru.core.sitesearch import SearchProvider


class TrainingsConfig(AppConfig):
    name = "kopru.trainings"
    label = "trainings"
    verbose_name = _("Eğitimler ve etkinlikler")

    declarations = (
        PanelMenuItem(_("Eğitimler"), "panel:trainings:list", icon="easel", order=30),
        PanelMenuItem(
            _("Eğitim istatistikleri"), "panel:trainings:statistics", icon="bar-chart", order=31
        ),
        PublicMenuItem(_("Eğitimler"), "public:trainings:list", order=30),
        HomeSection(
            "trainings/_home_section.html",
            context=ref("kopru.trainings.views.home_section_context"),
            order=30,
        ),
        PanelFigures(ref("kopru.trainings.home.panel_figures")),
        CalendarSource(
            key="trainings",
            label=_("Eğitimler"),
            events=ref("kopru.trainings.calendar.public_events"),
            order=30,
        ),
        ConsentNotice(
            key="trainings.registration",
            label=_("Eğitim kaydı"),
            text="kopru.trainings.forms.KVKK_TEXT",
            collects=_("ad soyad, iletişim bilgileri, kurum, ilçe, yaş grubu, öncelikli grup"),
            purpose=_("eğitimi düzenlemek, katılım belgesi vermek, anonim istatistik"),
            keeps=_("eğitim kayıtlarıyla birlikte; silinmesini istediğiniz zamana kadar"),
            order=30,
        ),
        SearchProvider(
            key="trainings",
            label=_("Eğitimler ve etkinlikler"),
            search=ref("kopru.trainings.selectors.site_search"),
            order=40,
        ),
    )
