"""The office of one governorship: the tenant every office-owned record points at."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from kopru.core.i18n import localized
from kopru.core.models import TimeStamped, Versioned

RESERVED_SLUGS = frozenset(
    {
        "admin",
        "api",
        "en",
        "tr",
        "hesap",
        "ulusal",
        "static",
        "media",
        "i18n",
        "healthz",
        "ulusal-istatistikler",
    }
)


def validate_office_slug(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("Bu adres kısaltması sistem tarafından kullanılıyor."))


class ActivityArea(models.TextChoices):
    DISSEMINATION = "dissemination", _("Tanıtım ve yaygınlaştırma")
    TRAINING = "training", _("Eğitim")
    GUIDANCE = "guidance", _("Rehberlik ve danışmanlık")
    PROJECTS = "projects", _("Proje faaliyetleri")
    GOVERNANCE = "governance", _("Yönetişim (ortak akıl)")


class Office(TimeStamped, Versioned):
    province = models.OneToOneField(
        "geo.Province", on_delete=models.PROTECT, related_name="office", verbose_name=_("İl")
    )
    slug = models.SlugField(
        _("adres kısaltması"), max_length=40, unique=True, validators=[validate_office_slug]
    )
    name_tr = models.CharField(_("ad (Türkçe)"), max_length=200)
    name_en = models.CharField(_("ad (İngilizce)"), max_length=200, blank=True)
    founding_name = models.CharField(
        _("kuruluştaki adı"), max_length=200, blank=True, help_text=_("Varsa ilk kurulduğu ad.")
    )
    founded_on = models.DateField(_("kuruluş tarihi"), null=True, blank=True)
    description_tr = models.TextField(_("tanıtım (Türkçe)"), blank=True)
    description_en = models.TextField(_("tanıtım (İngilizce)"), blank=True)
    activity_areas = models.JSONField(_("faaliyet alanları"), default=list, blank=True)
    is_eurodesk_point = models.BooleanField(_("Eurodesk temas noktası"), default=False)
    address = models.TextField(_("adres"), blank=True)
    phone = models.CharField(_("telefon"), max_length=40, blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    website = models.URLField(_("web sitesi"), blank=True)
    opening_hours_tr = models.TextField(
        _("çalışma saatleri (Türkçe)"),
        blank=True,
        help_text=_("Ör. Hafta içi 08.30–12.00 ve 13.00–17.30"),
    )
    opening_hours_en = models.TextField(_("çalışma saatleri (İngilizce)"), blank=True)
    map_url = models.URLField(
        _("harita bağlantısı"),
        blank=True,
        help_text=_("Ofisin adresini gösteren harita sayfası (ör. OpenStreetMap bağlantısı)."),
    )
    kvkk_contact = models.CharField(
        _("kişisel veri başvuru adresi"),
        max_length=300,
        blank=True,
        help_text=_("KVKK başvurularının yapılacağı adres ya da e-posta; boşsa ofisin e-postası."),
    )
    # What the public home shows, as the staff chose it: [{"key": "news", "shown": true,
    # "featured": [12, 7]}, ...] in page order (see ``selectors.home_layout``); empty: every
    # declared block in its declared order.
    home_layout = models.JSONField(_("ana sayfa düzeni"), default=list, blank=True)
    is_active = models.BooleanField(_("etkin"), default=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("ofis")
        verbose_name_plural = _("ofisler")
        ordering = ["province__name_sort"]

    def __str__(self) -> str:
        return self.name_tr

    @property
    def name(self) -> str:
        return localized(self, "name")

    @property
    def description(self) -> str:
        return localized(self, "description")

    @property
    def opening_hours(self) -> str:
        return localized(self, "opening_hours")

    @property
    def description_lead(self) -> str:
        """The first paragraph of the description (the home page; the rest is on "about")."""
        text = self.description.strip()
        return text.split("\n\n", 1)[0].strip() if text else ""

    def home_featured(self, key: str) -> list[int]:
        """The ids the staff featured in the home block ``key``, in their order."""
        for row in self.home_layout or []:
            if isinstance(row, dict) and row.get("key") == key:
                return [int(pk) for pk in row.get("featured") or [] if str(pk).isdigit()]
        return []

    def activity_area_labels(self) -> list[str]:
        labels = dict(ActivityArea.choices)
        return [str(labels[a]) for a in self.activity_areas if a in labels]
