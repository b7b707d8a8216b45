from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from kopru.core.registry import Provides, ref


class AccountsConfig(AppConfig):
    name = "kopru.accounts"
    label = "accounts"
    verbose_name = _("Kullanıcılar ve roller")

    # Who may enter an office's areas: core's middleware asks through kopru.core.tenancy.
    declarations = (
        Provides("can_work_in_office", ref("kopru.accounts.permissions.can_work_in_office")),
        Provides("belongs_to_office", ref("kopru.accounts.permissions.belongs_to_office")),
        Provides("can_coordinate_office", ref("kopru.accounts.permissions.can_coordinate_office")),
    )
