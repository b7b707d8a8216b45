from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import (
    CalendarSource,
    PanelMenuItem,
    PersonalDataProvider,
    PublicMenuItem,
    ref,
)


class BoardsConfig(AppConfig):
    name = "kopru.boards"
    label = "boards"
    verbose_name = _("Kurullar ve toplantılar")

    declarations = (
        PanelMenuItem(_("Kurullar"), "panel:boards:list", icon="diagram-3", order=45),
        PublicMenuItem(_("Kurullar"), "public:boards:list", order=50),
        CalendarSource(
            key="boards",
            label=_("Kurul toplantıları"),
            events=ref("kopru.boards.calendar.public_events"),
            order=50,
        ),
        PersonalDataProvider(
            key="boards",
            label=_("Kurul üyelikleri ve toplantı davetleri"),
            find=ref("kopru.boards.personal_data.find"),
            erase=ref("kopru.boards.personal_data.erase"),
            order=50,
        ),
    )
