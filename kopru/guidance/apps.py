from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    name = "kopru.guidance"
    label = "guidance"
    verbose_name = _("Rehberlik ve danışmanlık")

    def ready(self) -> None:
        from kopru.core.registry import (
            HomeSection,
            PanelMenuItem,
            PersonalDataProvider,
            add_home_section,
            add_member_menu,
            add_panel_figures,
            add_panel_menu,
            add_personal_data,
            add_public_menu,
        )

        from . import personal_data

        add_panel_menu(
            PanelMenuItem(
                label=_("Danışma masası"), url_name="panel:guidance:desk", icon="headset", order=40
            )
        )
        add_panel_menu(
            PanelMenuItem(
                label=_("Danışma talepleri"),
                url_name="panel:guidance:list",
                icon="chat-left-text",
                order=41,
            )
        )
        add_public_menu(
            PanelMenuItem(label=_("Danışma"), url_name="public:guidance:request", order=60)
        )
        add_member_menu(
            PanelMenuItem(
                label=_("Danışma taleplerim"), url_name="kurum:guidance:mine", icon="chat", order=40
            )
        )
        add_panel_figures(_panel_figures)
        add_home_section(
            HomeSection(template="guidance/_home_section.html", context=_no_context, order=70)
        )
        add_personal_data(
            PersonalDataProvider(
                key="guidance",
                label=_("Danışma talepleri"),
                find=personal_data.find,
                erase=personal_data.erase,
                order=10,
            )
        )


def _no_context(request: object, office: object) -> dict[str, object]:
    return {}


def _panel_figures(office: object) -> list[tuple[object, object]]:
    from .models import OPEN_STATUSES, Case

    return [(_("Açık danışma talebi"), Case.objects.filter(status__in=OPEN_STATUSES).count())]
