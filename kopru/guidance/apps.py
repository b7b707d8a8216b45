from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.mywork import WorkItems
from kopru.core.registry import (
    ConsentNotice,
    HomeSection,
    MemberMenuItem,
    PanelFigures,
    PanelMenuItem,
    PersonalDataProvider,
    PublicMenuItem,
    ref,
)


class GuidanceConfig(AppConfig):
    name = "kopru.guidance"
    label = "guidance"
    verbose_name = _("Rehberlik ve danışmanlık")

    declarations = (
        PanelMenuItem(_("Danışma masası"), "panel:guidance:desk", icon="headset", order=40),
        PanelMenuItem(
            _("Danışma talepleri"), "panel:guidance:list", icon="chat-left-text", order=41
        ),
        PublicMenuItem(_("Danışma"), "public:guidance:request", order=60),
        MemberMenuItem(_("Danışma taleplerim"), "kurum:guidance:mine", icon="chat", order=40),
        PanelFigures(ref("kopru.guidance.home.panel_figures")),
        HomeSection("guidance/_home_section.html", order=70),
        PersonalDataProvider(
            key="guidance",
            label=_("Danışma talepleri"),
            find=ref("kopru.guidance.personal_data.find"),
            erase=ref("kopru.guidance.personal_data.erase"),
            order=10,
        ),
        ConsentNotice(
            key="guidance.request",
            label=_("Rehberlik ve danışmanlık talebi"),
            text="kopru.guidance.forms.KVKK_TEXT",
            collects=_("ad, iletişim bilgileri, talebin metni"),
            purpose=_("rehberlik ve danışmanlık vermek, sizinle iletişime geçmek"),
            keeps=_(
                "talep kapandıktan sonra da kayıt olarak; silinmesini istediğiniz zamana kadar"
            ),
            order=40,
        ),
        WorkItems(
            key="guidance",
            label=_("Danışma talepleriniz"),
            items=ref("kopru.guidance.selectors.work_items"),
            list_url_name="panel:guidance:list",
            order=10,
        ),
    )
