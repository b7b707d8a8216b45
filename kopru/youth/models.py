"""Youth mobility opportunities the office's Eurodesk point publishes, and the saved
searches young people keep (with e-mail alerts through :mod:`kopru.core.subscriptions`).

An opportunity's status is never stored: it follows from its dates and the moment
(``upcoming`` before applications open, ``open`` until the deadline, ``closed`` after).
The deadline is an instant (stored in UTC) with the time zone the organiser gave it in,
so "17 March 12:00 Brussels time" reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, available_timezones

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.subscriptions import AlertSubscription, new_token
from kopru.core.text import search_key, sort_key


class OpportunityType(models.TextChoices):
    YOUTH_EXCHANGE = "youth_exchange", _("Gençlik değişimi")
    ESC_VOLUNTEERING = "esc_volunteering", _("Avrupa Dayanışma Programı gönüllülüğü")
    DISCOVER_EU = "discover_eu", _("DiscoverEU")
    TRAINEESHIP = "traineeship", _("Staj")
    YOUTH_WORKER_TRAINING = "youth_worker_training", _("Gençlik çalışanları için eğitim kursu")
    SCHOLARSHIP = "scholarship", _("Burs")
    SOLIDARITY_PROJECT = "solidarity_project", _("Dayanışma projesi")
    OTHER = "other", _("Diğer")


class Cost(models.TextChoices):
    TRAVEL = "travel", _("Yol")
    ACCOMMODATION = "accommodation", _("Konaklama")
    FOOD = "food", _("Yemek")
    INSURANCE = "insurance", _("Sigorta")
    POCKET_MONEY = "pocket_money", _("Cep harçlığı")


class PublicationState(models.TextChoices):
    DRAFT = "draft", _("Taslak")
    PUBLISHED = "published", _("Yayımlandı")
    ARCHIVED = "archived", _("Arşivlendi")


class Status(models.TextChoices):
    """Derived from the dates, never stored."""

    UPCOMING = "upcoming", _("Başvurular yakında")
    OPEN = "open", _("Başvuruya açık")
    CLOSED = "closed", _("Başvurular kapandı")


TIME_ZONES = sorted(z for z in available_timezones() if "/" in z and not z.startswith("Etc/"))
MIN_AGE, MAX_AGE = 13, 35


class Opportunity(OfficeOwned, TimeStamped, Versioned):
    type = models.CharField(_("tür"), max_length=24, choices=OpportunityType.choices)
    state = models.CharField(
        _("yayın durumu"),
        max_length=10,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
    )
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=300, blank=True)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=300, blank=True)
    description_tr = models.TextField(_("açıklama (Türkçe)"), blank=True)
    description_en = models.TextField(_("açıklama (İngilizce)"), blank=True)
    organiser = models.CharField(_("düzenleyen kuruluş"), max_length=250)
    organiser_country = models.CharField(_("düzenleyenin ülkesi"), max_length=2)
    host_country = models.CharField(_("ev sahibi ülke"), max_length=2)
    host_city = models.CharField(_("şehir"), max_length=120, blank=True)
    residents_of = models.JSONField(
        _("başvurabilecekler (ikamet ülkeleri)"),
        default=list,
        blank=True,
        help_text=_("Boş bırakılırsa her ülkede yaşayanlar başvurabilir."),
    )
    turkiye_eligible = models.BooleanField(
        _("Türkiye'de yaşayanlar başvurabilir"), default=True, editable=False
    )
    age_min = models.PositiveSmallIntegerField(
        _("en küçük yaş"),
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
        default=18,
    )
    age_max = models.PositiveSmallIntegerField(
        _("en büyük yaş"),
        validators=[MinValueValidator(MIN_AGE), MaxValueValidator(MAX_AGE)],
        default=30,
    )
    starts_on = models.DateField(_("başlangıç"), null=True, blank=True)
    ends_on = models.DateField(_("bitiş"), null=True, blank=True)
    opens_on = models.DateField(
        _("başvuruların açıldığı gün"),
        null=True,
        blank=True,
        help_text=_("Boşsa yayımlandığı andan itibaren açıktır."),
    )
    deadline = models.DateTimeField(_("son başvuru"))
    deadline_timezone = models.CharField(
        _("son başvurunun saat dilimi"), max_length=64, default="Europe/Istanbul"
    )
    costs_covered = models.JSONField(_("karşılanan masraflar"), default=list, blank=True)
    working_language = models.CharField(_("çalışma dili"), max_length=120, blank=True)
    url = models.URLField(_("başvuru bağlantısı"), max_length=500)
    published_at = models.DateTimeField(_("yayımlanma"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ekleyen"),
    )
    is_demo = models.BooleanField(default=False, editable=False)
    title_sort = models.CharField(max_length=600, editable=False, default="")
    search_document = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("gençlik fırsatı")
        verbose_name_plural = _("gençlik fırsatları")
        ordering = ["deadline", "id"]
        indexes = [
            models.Index(
                fields=["office", "deadline"],
                condition=models.Q(state="published"),
                name="youth_published_deadline",
            ),
            models.Index(fields=["office", "state"], name="youth_office_state"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(age_min__lte=models.F("age_max")), name="youth_age_range"
            )
        ]

    def __str__(self) -> str:
        return self.title_tr or self.title_en

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(state=PublicationState.PUBLISHED)

    def status_at(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if now > self.deadline:
            return Status.CLOSED
        if self.opens_on and timezone.localdate(now) < self.opens_on:
            return Status.UPCOMING
        return Status.OPEN

    @property
    def status(self) -> str:
        return self.status_at()

    @property
    def status_label(self) -> str:
        return str(dict(Status.choices)[self.status])

    @property
    def deadline_local(self) -> dt.datetime:
        """The deadline in the organiser's time zone."""
        try:
            return self.deadline.astimezone(ZoneInfo(self.deadline_timezone))
        except (KeyError, ValueError):
            return self.deadline

    def cost_labels(self) -> list[str]:
        names = dict(Cost.choices)
        return [str(names[c]) for c in Cost.values if c in self.costs_covered]

    def refresh_derived(self) -> list[str]:
        self.title_sort = sort_key(self.title_tr or self.title_en)[:600]
        self.turkiye_eligible = not self.residents_of or "TR" in self.residents_of
        self.search_document = search_key(
            " ".join(
                [
                    self.title_tr,
                    self.title_en,
                    self.description_tr,
                    self.description_en,
                    self.organiser,
                    self.host_city,
                    self.working_language,
                ]
            )
        )
        return ["title_sort", "turkiye_eligible", "search_document"]


class YouthSearch(OfficeOwned, TimeStamped, AlertSubscription):
    """A finder search a young person kept, and its opt-in e-mail alert."""

    audit_prefix = "youth.alert"

    name = models.CharField(_("ad"), max_length=120)
    params = models.JSONField(_("arama"), default=dict, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("kayıtlı gençlik araması")
        verbose_name_plural = _("kayıtlı gençlik aramaları")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
