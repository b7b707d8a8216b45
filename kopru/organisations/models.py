"""The organisation record every capability points at: the province's stakeholders."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import search_key, sort_key


class OrganisationType(models.TextChoices):
    PUBLIC_BODY = "public_body", _("Kamu kurumu")
    MUNICIPALITY = "municipality", _("Belediye")
    LOCAL_ADMINISTRATION = "local_administration", _("Köy / mahalle muhtarlığı")
    UNIVERSITY = "university", _("Üniversite")
    SCHOOL = "school", _("Okul")
    NGO = "ngo", _("Dernek / vakıf / STK")
    COOPERATIVE = "cooperative", _("Kooperatif")
    CHAMBER = "chamber", _("Oda / birlik")
    SME = "sme", _("KOBİ")
    LARGE_COMPANY = "large_company", _("Büyük işletme")
    YOUNG_ENTREPRENEUR = "young_entrepreneur", _("Genç girişimci")
    FOREIGN = "foreign", _("Yabancı kuruluş")


class Organisation(OfficeOwned, TimeStamped, Versioned):
    name = models.CharField(_("ad"), max_length=300)
    short_name = models.CharField(_("kısa ad"), max_length=60, blank=True)
    type = models.CharField(_("tür"), max_length=30, choices=OrganisationType.choices)
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("İlçe"),
    )
    country = models.CharField(
        _("ülke"), max_length=2, default="TR", help_text=_("ISO 3166-1 iki harfli ülke kodu.")
    )
    official_id = models.CharField(
        _("vergi / resmî kimlik no"),
        max_length=40,
        blank=True,
        help_text=_("Vergi numarası, MERSİS, kurum kodu veya yabancı kuruluşlarda PIC/OID."),
    )
    website = models.URLField(_("web sitesi"), blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    address = models.TextField(_("adres"), blank=True)
    description = models.TextField(_("tanıtım"), blank=True)
    contact_name = models.CharField(_("İrtibat kişisi"), max_length=120, blank=True)
    contact_title = models.CharField(_("İrtibat kişisinin unvanı"), max_length=120, blank=True)
    contact_email = models.EmailField(_("İrtibat e-postası"), blank=True)
    contact_phone = models.CharField(_("İrtibat telefonu"), max_length=40, blank=True)
    is_public = models.BooleanField(
        _("rehberde yayımla"),
        default=True,
        help_text=_("Kamuya açık paydaş rehberinde görünür (yalnız kamuya açık alanlar)."),
    )
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    name_sort = models.CharField(max_length=600, db_index=True, editable=False)
    name_search = models.CharField(max_length=400, db_index=True, editable=False)

    class Meta:
        verbose_name = _("kurum")
        verbose_name_plural = _("kurumlar")
        ordering = ["name_sort"]
        indexes = [models.Index(fields=["office", "name_sort"])]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(is_public=True)

    def refresh_derived(self) -> list[str]:
        self.name_sort = sort_key(self.name)
        self.name_search = search_key(f"{self.name} {self.short_name}")
        return ["name_sort", "name_search"]
