from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BoardsConfig(AppConfig):
    name = "kopru.boards"
    label = "boards"
    verbose_name = _("Kurullar ve toplantılar")

    declarations = ()
