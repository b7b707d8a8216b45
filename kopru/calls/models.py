"""Funding calls: EU, national, regional (development agencies) and local calls.

The status a visitor sees (forthcoming, open, closed) is *derived* from the dates
every time it is read (:meth:`Call.status_at`, :func:`status_expression`); only the
editorial state (draft, published, archived) is stored.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Now
from django.utils import timezone, translation
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopru.core.i18n import localized
from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.subscriptions import AlertSubscription
from kopru.core.subscriptions import Frequency as Frequency
from kopru.core.text import search_key, sort_key
from kopru.core.thesaurus import tag_words
from kopru.core.vocabularies import PRIORITY_TARGET_GROUPS, Sector, TargetGroup
from kopru.organisations.models import OrganisationType

from .agencies import get_agency

ISTANBUL = ZoneInfo("Europe/Istanbul")


class Level(models.TextChoices):
    EU = "eu", _("Uluslararası / AB")
    NATIONAL = "national", _("Ulusal")
    REGIONAL = "regional", _("Bölgesel (kalkınma ajansı)")
    LOCAL = "local", _("Yerel")


class Instrument(models.TextChoices):
    GRANT = "grant", _("Hibe")
    CREDIT = "credit", _("Kredi")
    INTEREST_FREE_CREDIT = "interest_free_credit", _("Faizsiz kredi")
    TECHNICAL_SUPPORT = "technical_support", _("Teknik destek")
    PRIZE = "prize", _("Ödül")


class DeadlineModel(models.TextChoices):
    SINGLE_STAGE = "single_stage", _("Tek aşamalı")
    TWO_STAGE = "two_stage", _("İki aşamalı")
    MULTIPLE_CUTOFF = "multiple_cutoff", _("Birden çok son tarih (cut-off)")


class State(models.TextChoices):
    DRAFT = "draft", _("Taslak")
    PUBLISHED = "published", _("Yayında")
    ARCHIVED = "archived", _("Arşivde")


class Status(models.TextChoices):
    """Derived from the dates; never stored."""

    FORTHCOMING = "forthcoming", _("Yakında açılacak")
    OPEN = "open", _("Başvuruya açık")
    CLOSED = "closed", _("Kapandı")


class DeadlineRange(models.TextChoices):
    WEEK = "7", _("7 gün içinde")
    MONTH = "30", _("30 gün içinde")
    QUARTER = "90", _("90 gün içinde")
    LATER = "later", _("Daha sonra")


ALLOWED_DOCUMENT_TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xls": "application/vnd.ms-excel",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    ".zip": "application/zip",
}
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024


@functools.lru_cache(maxsize=64)
def _choice_labels(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    return {value: str(label) for value, label in choices.choices}


def choice_label(choices: type[models.TextChoices], value: str) -> str:
    """The label of ``value`` in the active language (``value`` itself if unknown)."""
    return _choice_labels(choices, translation.get_language()).get(value, value)


def validate_document(file: Any) -> None:
    """Size and type check of an attached document (extension and magic bytes)."""
    name = str(getattr(file, "name", "")).lower()
    ext = "." + name.rsplit(".", 1)[-1] if "." in name else ""
    if ext not in ALLOWED_DOCUMENT_TYPES:
        raise ValidationError(
            _("Bu dosya türü kabul edilmiyor. İzin verilenler: %(types)s."),
            params={"types": ", ".join(sorted(ALLOWED_DOCUMENT_TYPES))},
        )
    size = getattr(file, "size", 0) or 0
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            _("Dosya çok büyük (en çok %(mb)s MB)."), params={"mb": MAX_DOCUMENT_BYTES // 2**20}
        )
    head = b""
    try:
        pos = file.tell()
        head = file.read(8)
        file.seek(pos)
    except (AttributeError, OSError, ValueError):
        return
    zip_like = ext in {".docx", ".xlsx", ".odt", ".ods", ".zip"}
    ok = (
        (ext == ".pdf" and head.startswith(b"%PDF"))
        or (zip_like and head.startswith(b"PK"))
        or (ext in {".doc", ".xls"} and head.startswith(b"\xd0\xcf\x11\xe0"))
    )
    if not ok:
        raise ValidationError(_("Dosyanın içeriği uzantısıyla uyuşmuyor."))


def status_expression(now: dt.datetime | None = None) -> Case:
    """The derived status as a database expression (for filters and facet counts)."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    return Case(
        When(opening_date__gt=today, then=Value(Status.FORTHCOMING.value)),
        When(closes_at__lt=now, then=Value(Status.CLOSED.value)),
        default=Value(Status.OPEN.value),
        output_field=models.CharField(),
    )


def status_q(status: str, now: dt.datetime | None = None) -> Q:
    """A filter selecting calls whose derived status is ``status``."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    if status == Status.FORTHCOMING:
        return Q(opening_date__gt=today)
    not_forthcoming = Q(opening_date__isnull=True) | Q(opening_date__lte=today)
    if status == Status.CLOSED:
        return not_forthcoming & Q(closes_at__lt=now)
    if status == Status.OPEN:
        return not_forthcoming & (Q(closes_at__isnull=True) | Q(closes_at__gte=now))
    return Q()


class Call(OfficeOwned, TimeStamped, Versioned):
    state = models.CharField(
        _("yayın durumu"), max_length=10, choices=State.choices, default=State.DRAFT
    )
    level = models.CharField(_("düzey"), max_length=10, choices=Level.choices, default=Level.EU)
    instrument = models.CharField(
        _("destek türü"), max_length=24, choices=Instrument.choices, default=Instrument.GRANT
    )
    funder = models.CharField(_("destekleyen kurum"), max_length=200, blank=True)
    programme = models.CharField(_("program"), max_length=200, blank=True)
    programme_code = models.CharField(_("program kodu"), max_length=60, blank=True)
    agency_code = models.CharField(
        _("kalkınma ajansı"),
        max_length=20,
        blank=True,
        help_text=_("Bölgesel çağrılarda ajansın kısa kodu (ör. gmka, izka)."),
    )
    source = models.CharField(_("kaynak"), max_length=40, default="manual")
    source_id = models.CharField(
        _("kaynak kimliği"),
        max_length=200,
        blank=True,
        help_text=_("Kaynaktaki benzersiz kimlik; yeniden içe aktarmada kayıt bununla bulunur."),
    )
    source_url = models.URLField(_("kaynak adresi"), max_length=600, blank=True)
    call_identifier = models.CharField(_("çağrı kodu"), max_length=200, blank=True)
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=500, blank=True)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=500, blank=True)
    summary_tr = models.TextField(_("özet (Türkçe)"), blank=True)
    summary_en = models.TextField(_("özet (İngilizce)"), blank=True)
    action_type = models.CharField(_("faaliyet türü"), max_length=120, blank=True)
    deadline_model = models.CharField(
        _("son tarih modeli"),
        max_length=20,
        choices=DeadlineModel.choices,
        default=DeadlineModel.SINGLE_STAGE,
    )
    opening_date = models.DateField(_("açılış tarihi"), null=True, blank=True)
    budget_total = models.DecimalField(
        _("toplam bütçe"), max_digits=16, decimal_places=2, null=True, blank=True
    )
    grant_min = models.DecimalField(
        _("en az destek"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    grant_max = models.DecimalField(
        _("en çok destek"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    expected_grants = models.PositiveIntegerField(
        _("beklenen destek sayısı"), null=True, blank=True
    )
    cofinancing_rate = models.DecimalField(
        _("destek oranı (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal(0)), MaxValueValidator(Decimal(100))],
    )
    currency = models.CharField(_("para birimi"), max_length=3, default="EUR")
    applicant_types = models.JSONField(_("başvurabilecek kurum türleri"), default=list, blank=True)
    target_groups = models.JSONField(_("hedef gruplar"), default=list, blank=True)
    sectors = models.JSONField(_("sektörler"), default=list, blank=True)
    eligible_geography = models.CharField(
        _("uygun coğrafya"), max_length=300, blank=True, help_text=_("Ör. AB üyeleri ve Türkiye.")
    )
    eligible_plates = models.JSONField(
        _("uygun iller (plaka)"),
        default=list,
        blank=True,
        help_text=_("Boşsa her il; bölgesel çağrılarda ajansın illeri."),
    )
    keywords = models.JSONField(_("anahtar sözcükler"), default=list, blank=True)
    source_status = models.CharField(_("kaynaktaki durum"), max_length=60, blank=True)
    classification_reason = models.TextField(_("sınıflandırma gerekçesi"), blank=True)
    tagging_reason = models.TextField(
        _("etiket gerekçesi"), blank=True, help_text=_("İçe aktarmada etiketlerin nereden geldiği.")
    )
    tags_by_expert = models.BooleanField(
        _("etiketleri uzman düzeltti"),
        default=False,
        help_text=_("Yeniden içe aktarma uzmanın seçtiği sektör ve hedef grupları değiştirmez."),
    )
    published_at = models.DateTimeField(_("yayımlanma"), null=True, blank=True)
    content_changed_at = models.DateTimeField(_("içerik değişikliği"), null=True, blank=True)
    import_hash = models.CharField(max_length=64, blank=True, editable=False)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    # Derived (refresh_derived): sort and search keys, and the deadline summary.
    title_sort = models.CharField(max_length=1100, blank=True, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    closes_at = models.DateTimeField(_("son başvuru"), null=True, blank=True, editable=False)
    next_deadline = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("çağrı")
        verbose_name_plural = _("çağrılar")
        ordering = ["next_deadline", "title_sort"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "source", "source_id"],
                condition=~Q(source_id=""),
                name="calls_call_unique_source_id",
            )
        ]
        indexes = [
            models.Index(fields=["office", "state", "next_deadline"]),
            # Covering for the catalogue filtered by level (and for national calls).
            models.Index(
                fields=[
                    "state",
                    "level",
                    "office",
                    "instrument",
                    "opening_date",
                    "closes_at",
                    "next_deadline",
                    "published_at",
                ],
                name="calls_call_state_level",
            ),
            models.Index(fields=["closes_at"]),
            models.Index(fields=["published_at"]),
            # Covering index of the catalogue's filters, counts and sort: the rows
            # themselves are wide (summaries), the index is narrow.
            models.Index(
                fields=["state", "office", "level", "next_deadline", "closes_at", "opening_date"],
                name="calls_call_catalogue",
            ),
            # The same, keyed by id: the full-text match yields ids, and the catalogue
            # checks, counts and sorts each of them without reading the wide row.
            models.Index(
                fields=[
                    "id",
                    "state",
                    "office",
                    "level",
                    "instrument",
                    "opening_date",
                    "closes_at",
                    "next_deadline",
                    "published_at",
                ],
                name="calls_call_narrow",
            ),
        ]

    def __str__(self) -> str:
        return self.title or self.call_identifier or f"#{self.pk}"

    # -- scoping -------------------------------------------------------------------------

    @classmethod
    def public_q(cls) -> Q:
        return Q(state=State.PUBLISHED)

    @classmethod
    def office_scope_q(cls, office: Any) -> Q:
        """An office works with its own calls and sees every published national call."""
        return Q(office=office) | Q(level=Level.NATIONAL, state=State.PUBLISHED)

    @classmethod
    def catalogue_q(cls, office: Any) -> Q:
        """What an office's public catalogue lists: its own and national published calls."""
        return Q(state=State.PUBLISHED) & (Q(office=office) | Q(level=Level.NATIONAL))

    # -- display -------------------------------------------------------------------------

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    def status_at(self, now: dt.datetime | None = None) -> str:
        now = now or timezone.now()
        if self.opening_date and self.opening_date > timezone.localdate(now):
            return Status.FORTHCOMING.value
        if self.closes_at and self.closes_at < now:
            return Status.CLOSED.value
        return Status.OPEN.value

    @property
    def status(self) -> str:
        return self.status_at()

    def get_status_display(self) -> str:
        return choice_label(Status, self.status)

    # The labels of a list of calls, without Django's rehashing of every choice (and a
    # translation lookup per choice) for every call: the same text.
    def get_level_display(self) -> str:  # type: ignore[no-redef]
        return choice_label(Level, self.level)

    def get_instrument_display(self) -> str:  # type: ignore[no-redef]
        return choice_label(Instrument, self.instrument)

    @property
    def agency(self) -> Any:
        return get_agency(self.agency_code) if self.agency_code else None

    def applicant_type_labels(self) -> list[str]:
        labels = dict(OrganisationType.choices)
        return [str(labels[v]) for v in self.applicant_types if v in labels]

    def target_group_labels(self) -> list[tuple[str, bool]]:
        labels = dict(TargetGroup.choices)
        return [
            (str(labels[v]), v in PRIORITY_TARGET_GROUPS) for v in self.target_groups if v in labels
        ]

    def sector_labels(self) -> list[str]:
        labels = dict(Sector.choices)
        return [str(labels[v]) for v in self.sectors if v in labels]

    @property
    def has_priority_group(self) -> bool:
        return any(v in PRIORITY_TARGET_GROUPS for v in self.target_groups)

    def upcoming_deadlines(self) -> list[CallDeadline]:
        now = timezone.now()
        return [d for d in self.deadlines.all() if d.at >= now]

    # -- derived fields ------------------------------------------------------------------

    def refresh_derived(self, deadlines: list[dt.datetime] | None = None) -> list[str]:
        """Recompute sort/search keys and the deadline summary; returns the fields."""
        self.title_sort = sort_key(self.title_tr or self.title_en)[:1100]
        self.search_document = search_document_of(self)
        if deadlines is None and self.pk:
            deadlines = list(
                CallDeadline.objects.filter(call_id=self.pk).values_list("at", flat=True)
            )
        deadlines = sorted(deadlines or [])
        now = timezone.now()
        self.closes_at = deadlines[-1] if deadlines else None
        upcoming = [d for d in deadlines if d >= now]
        self.next_deadline = upcoming[0] if upcoming else (deadlines[-1] if deadlines else None)
        return ["title_sort", "search_document", "closes_at", "next_deadline"]

    def facet_values(self) -> list[tuple[str, str]]:
        """The (facet, value) pairs stored in :class:`CallFacet` for fast counts."""
        pairs = [("level", self.level), ("instrument", self.instrument)]
        if self.programme:
            pairs.append(("programme", self.programme[:200]))
        if self.funder:
            pairs.append(("funder", self.funder[:200]))
        pairs += [("applicant", str(v)) for v in dict.fromkeys(self.applicant_types)]
        pairs += [("target", str(v)) for v in dict.fromkeys(self.target_groups)]
        pairs += [("sector", str(v)) for v in dict.fromkeys(self.sectors)]
        return list(dict.fromkeys(pairs))


def search_document_of(call: Any) -> str:
    """The folded text the full-text index holds for a call (any object with its fields:
    the data migrations pass historical models)."""
    return search_key(
        " ".join(
            [
                call.title_tr,
                call.title_en,
                call.call_identifier,
                call.funder,
                call.programme,
                call.programme_code,
                call.action_type,
                call.agency_code,
                " ".join(str(k) for k in call.keywords),
                # The thesaurus words (Turkish and English) of its tags: "çevre" finds
                # an English-only call tagged environment, "youth" a Turkish-only one.
                tag_words(
                    {
                        "sector": call.sectors,
                        "target": call.target_groups,
                        "applicant": call.applicant_types,
                    }
                ),
                _strip_tags(call.summary_tr[:3000])[:1500],
                _strip_tags(call.summary_en[:3000])[:1500],
            ]
        )
    )


def _strip_tags(html: str) -> str:
    return strip_tags(html or "")


class CallDeadline(models.Model):
    """One dated deadline of a call, in its own time zone (EU: Europe/Brussels)."""

    call = models.ForeignKey(
        Call, on_delete=models.CASCADE, related_name="deadlines", verbose_name=_("çağrı")
    )
    at = models.DateTimeField(_("son tarih"))
    timezone = models.CharField(_("saat dilimi"), max_length=60, default="Europe/Istanbul")
    stage = models.PositiveSmallIntegerField(_("aşama"), default=1)
    label = models.CharField(_("açıklama"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("son tarih")
        verbose_name_plural = _("son tarihler")
        ordering = ["at"]
        indexes = [models.Index(fields=["call", "at"])]

    def __str__(self) -> str:
        return f"{self.local_at:%Y-%m-%d %H:%M} {self.timezone}"

    @property
    def zone(self) -> ZoneInfo:
        try:
            return ZoneInfo(self.timezone)
        except (KeyError, ValueError):
            return ISTANBUL

    @property
    def local_at(self) -> dt.datetime:
        """The deadline in its own time zone."""
        return self.at.astimezone(self.zone)

    @property
    def turkey_at(self) -> dt.datetime:
        return self.at.astimezone(ISTANBUL)

    @property
    def same_zone_as_turkey(self) -> bool:
        return self.local_at.utcoffset() == self.turkey_at.utcoffset()


class CallFacetTerm(models.Model):
    """One facet value (``sector=youth``, ``programme=Erasmus+``), numbered once.

    Facet counts group :class:`CallFacet` rows by this small integer instead of by
    two strings, which is what keeps them fast over thousands of matching calls.
    Terms are only ever added.
    """

    facet = models.CharField(max_length=20)
    value = models.CharField(max_length=200)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["facet", "value"], name="calls_facet_term_unique")
        ]

    def __str__(self) -> str:
        return f"{self.facet}={self.value}"


class CallFacet(models.Model):
    """One (facet, value) of a call, kept in step by the services for fast facet counts."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="facets", db_index=False)
    term = models.ForeignKey(
        CallFacetTerm, on_delete=models.PROTECT, related_name="+", db_index=False
    )

    class Meta:
        constraints = [
            # Also the covering index of the counts: call → its terms.
            models.UniqueConstraint(fields=["call", "term"], name="calls_facet_call_term")
        ]
        indexes = [
            # The filters: calls having a term.
            models.Index(fields=["term", "call"], name="calls_facet_term_call"),
        ]

    def __str__(self) -> str:
        return f"{self.call_id}: {self.term_id}"


class CatalogueChange(models.Model):
    """One change to a call that the catalogue index holds (an append-only log).

    Database triggers (migration ``0012``) append the call's id on every insert and
    delete, and on every update of a column the index holds, of ``calls_call`` and of
    its facet rows ``calls_callfacet``, whoever writes them (services, imports, bulk
    updates, the shell, another process). Each process's in-memory catalogue index
    (:mod:`kopru.calls.catalogue_index`) reads the log after the last id it applied and
    re-reads only those calls. Writers only append: no row is shared between them.
    ``calls_daily`` deletes rows older than two days.
    """

    call_id = models.BigIntegerField()
    at = models.DateTimeField(db_default=Now())

    def __str__(self) -> str:
        return f"{self.pk}: {self.call_id}"


class CallLink(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="links")
    title = models.CharField(_("bağlantı adı"), max_length=200)
    url = models.URLField(pgettext_lazy("web address", "adres"), max_length=600)

    class Meta:
        verbose_name = _("bağlantı")
        verbose_name_plural = _("bağlantılar")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class CallDocument(models.Model):
    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("belge adı"), max_length=200)
    file = models.FileField(
        _("dosya"), upload_to="calls/documents/%Y/", validators=[validate_document]
    )
    size = models.PositiveIntegerField(_("boyut"), default=0, editable=False)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("belge")
        verbose_name_plural = _("belgeler")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title


class CallSettings(OfficeOwned):
    """The office's settings of the call catalogue."""

    publish_eu_on_import = models.BooleanField(
        _("AB portalından gelen çağrıları içe aktarınca yayımla"),
        default=True,
        help_text=_(
            "Kapalıysa resmî AB dosyalarından gelen çağrılar da taslak olarak gelir ve "
            "bir uzmanın yayımlaması gerekir."
        ),
    )

    class Meta:
        verbose_name = _("çağrı ayarları")
        verbose_name_plural = _("çağrı ayarları")
        constraints = [models.UniqueConstraint(fields=["office"], name="calls_settings_one")]

    def __str__(self) -> str:
        return str(self.office)


def new_token() -> str:
    return secrets.token_urlsafe(24)


class SavedSearch(OfficeOwned, TimeStamped, AlertSubscription):
    """A search someone kept; alerts are a separate, explicit opt-in on it (the opt-in,
    consent and delivery fields and rules are :mod:`kopru.core.subscriptions`')."""

    audit_prefix = "calls.alert"

    name = models.CharField(_("ad"), max_length=120)
    params = models.JSONField(_("arama"), default=dict, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("kullanıcı"),
    )
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    class Meta:
        verbose_name = _("kayıtlı arama")
        verbose_name_plural = _("kayıtlı aramalar")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class CallFollow(OfficeOwned, TimeStamped):
    """Someone following one call: deadline reminders (default 14 and 3 days before)."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="+")
    email = models.EmailField(_("e-posta"))
    language = models.CharField(_("dil"), max_length=5, default="tr")
    reminder_days = models.JSONField(_("hatırlatma günleri"), default=list)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    consent_text = models.TextField(_("açık rıza metni"), blank=True)
    consent_at = models.DateTimeField(null=True, blank=True)
    sent_reminders = models.JSONField(default=list, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("takip edilen çağrı")
        verbose_name_plural = _("takip edilen çağrılar")

    def __str__(self) -> str:
        return f"{self.email} → {self.call}"

    @property
    def active(self) -> bool:
        return bool(self.confirmed_at and not self.unsubscribed_at)


class WhoAppliesRule(OfficeOwned, TimeStamped, Versioned):
    """An office's line of the "who applies" table (see :mod:`kopru.calls.matching`):
    for the calls of a programme (and action types), who leads (*applies*) and who only
    joins as a partner. An office's lines come before the built-in table; edited in the
    panel ("Kimler başvurur") through ``services.who_applies_rule_*``."""

    programme = models.CharField(
        _("program"),
        max_length=120,
        help_text=_("Çağrının program adında geçen sözcükler, ör. “Horizon Europe”, “LIFE”."),
    )
    action_types = models.CharField(
        _("faaliyet türleri"),
        max_length=200,
        blank=True,
        help_text=_("Virgülle ayrılmış, ör. “RIA, IA”. Boşsa programın bütün çağrıları."),
    )
    leads = models.JSONField(_("başvuranlar"), default=list)
    partners = models.JSONField(_("ortak olarak katılanlar"), default=list, blank=True)
    note = models.CharField(
        _("not"),
        max_length=300,
        blank=True,
        help_text=_(
            "Yalnız ortak olarak katılabilecek kuruluşlara gösterilir. “{tür}” yerine "
            "ziyaretçinin kuruluş türü yazılır."
        ),
    )

    class Meta:
        verbose_name = _("kimler başvurur satırı")
        verbose_name_plural = _("kimler başvurur tablosu")
        ordering = ["programme", "action_types", "id"]

    def __str__(self) -> str:
        return f"{self.programme} {self.action_types}".strip()
