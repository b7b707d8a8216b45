from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .registry import PanelMenuItem, ref


class CoreConfig(AppConfig):
    name = "kopru.core"
    label = "core"
    verbose_name = _("Çekirdek")

    declarations = (
        PanelMenuItem(
            _("Kişisel veri talepleri"),
            "panel:core:personal_data",
            icon="person-lock",
            order=90,
            visible=ref("kopru.core.tenancy.can_coordinate_office"),
        ),
    )

    def ready(self) -> None:
        # Importing the module registers its system checks (what ready() is for).
        from . import checks  # noqa: F401
