"""People and their roles.

A user has one role. Office staff (coordinator, expert) and institution members
belong to one office; an institution member also belongs to one organisation of
that office. National administrators belong to no office and see all of them.
Anonymous visitors have no account.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("Ulusal yönetici")
    COORDINATOR = "coordinator", _("Ofis koordinatörü")
    EXPERT = "expert", _("Proje uzmanı")
    INSTITUTION_MEMBER = "institution_member", _("Kurum üyesi")


STAFF_ROLES = (Role.COORDINATOR, Role.EXPERT)


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=30, choices=Role.choices, default=Role.EXPERT)
    office = models.ForeignKey(
        "offices.Office",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="users",
        verbose_name=_("ofis"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
        verbose_name=_("kurum"),
    )
    title = models.CharField(_("unvan"), max_length=120, blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    language = models.CharField(
        _("dil"), max_length=5, choices=[("tr", "Türkçe"), ("en", "English")], default="tr"
    )
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("kullanıcı")
        verbose_name_plural = _("kullanıcılar")
        constraints = [
            models.CheckConstraint(
                condition=Q(role="national_admin", office__isnull=True)
                | (~Q(role="national_admin") & Q(office__isnull=False)),
                name="accounts_user_office_matches_role",
            ),
            models.CheckConstraint(
                condition=~Q(role="institution_member") | Q(organisation__isnull=False),
                name="accounts_member_has_organisation",
            ),
        ]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_national_admin(self) -> bool:
        return self.role == Role.NATIONAL_ADMIN

    @property
    def is_office_staff(self) -> bool:
        return self.role in STAFF_ROLES

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR

    @property
    def is_institution_member(self) -> bool:
        return self.role == Role.INSTITUTION_MEMBER
