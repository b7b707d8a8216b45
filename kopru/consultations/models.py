"""Public consultations: a draft policy text in sections, open for a set period, the
contributions per section, the office's reasoned answer to each, and the final text
that links back to what changed it.

A consultation's stored ``status`` is draft or published; its *phase* (upcoming, open,
closed, answered) follows from the dates and ``answers_published_at``.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.i18n import localized
from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import normalise_email
from kopru.core.vocabularies import Sector, TargetGroup


class Status(models.TextChoices):
    DRAFT = "draft", _("taslak")
    PUBLISHED = "published", _("yayımlandı")


class Phase(models.TextChoices):
    DRAFT = "draft", _("taslak")
    UPCOMING = "upcoming", _("yakında açılacak")
    OPEN = "open", _("katkıya açık")
    CLOSED = "closed", _("kapandı, yanıtlanıyor")
    ANSWERED = "answered", _("yanıtlandı")


class AuthorKind(models.TextChoices):
    PUBLIC = "public", _("vatandaş")
    MEMBER = "member", _("kurum")


class AgeGroup(models.TextChoices):
    UNDER_18 = "under_18", _("18 yaş altı")
    AGE_18_29 = "18_29", _("18–29")
    AGE_30_49 = "30_49", _("30–49")
    AGE_50_64 = "50_64", _("50–64")
    AGE_65_PLUS = "65_plus", _("65 ve üstü")


class PriorityGroup(models.TextChoices):
    """The groups the office asks to take part (codes of the shared vocabulary)."""

    DISADVANTAGED = TargetGroup.DISADVANTAGED.value, TargetGroup.DISADVANTAGED.label
    DISABLED = TargetGroup.DISABLED.value, TargetGroup.DISABLED.label
    YOUTH = TargetGroup.YOUTH.value, TargetGroup.YOUTH.label
    YOUNG_ENTREPRENEURS = (
        TargetGroup.YOUNG_ENTREPRENEURS.value,
        TargetGroup.YOUNG_ENTREPRENEURS.label,
    )
    YOUTH_WORKERS = TargetGroup.YOUTH_WORKERS.value, TargetGroup.YOUTH_WORKERS.label
    WOMEN = TargetGroup.WOMEN.value, TargetGroup.WOMEN.label
    ELDERLY = TargetGroup.ELDERLY.value, TargetGroup.ELDERLY.label
    MIGRANTS = TargetGroup.MIGRANTS.value, TargetGroup.MIGRANTS.label
    NONE = "none", _("hiçbiri")


class Outcome(models.TextChoices):
    ACCEPTED = "accepted", _("kabul edildi")
    PARTLY = "partly", _("kısmen kabul edildi")
    NOT_ACCEPTED = "not_accepted", _("kabul edilmedi")


CHANGING_OUTCOMES = (Outcome.ACCEPTED, Outcome.PARTLY)


class Moderation(models.TextChoices):
    VISIBLE = "visible", _("yayında")
    HIDDEN = "hidden", _("gizlendi")


def phase_q(phase: str, now: dt.datetime | None = None) -> models.Q:
    """The consultations in ``phase`` (one of :class:`Phase`) at ``now``, as a filter."""
    now = now or timezone.now()
    published = models.Q(status=Status.PUBLISHED)
    if phase == Phase.DRAFT:
        return models.Q(status=Status.DRAFT)
    if phase == Phase.ANSWERED:
        return published & models.Q(answers_published_at__isnull=False)
    waiting = published & models.Q(answers_published_at__isnull=True)
    if phase == Phase.UPCOMING:
        return waiting & models.Q(opens_at__gt=now)
    if phase == Phase.OPEN:
        return waiting & models.Q(opens_at__lte=now, closes_at__gt=now)
    return waiting & models.Q(closes_at__lte=now)


class Consultation(OfficeOwned, TimeStamped, Versioned):
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=300)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=300, blank=True)
    summary_tr = models.TextField(_("özet (Türkçe)"), blank=True)
    summary_en = models.TextField(_("özet (İngilizce)"), blank=True)
    theme = models.CharField(_("tema"), max_length=30, choices=Sector.choices, blank=True)
    opens_at = models.DateTimeField(_("açılış"))
    closes_at = models.DateTimeField(_("kapanış"))
    status = models.CharField(
        _("durum"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    answers_published_at = models.DateTimeField(
        _("yanıtların yayımlanması"), null=True, blank=True, editable=False
    )
    outcome_tr = models.TextField(
        _("sonuç (Türkçe)"),
        blank=True,
        help_text=_("İstişarenin sonucunda metinde neyin değiştiğinin kısa özeti."),
    )
    outcome_en = models.TextField(_("sonuç (İngilizce)"), blank=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("istişare")
        verbose_name_plural = _("istişareler")
        ordering = ["-opens_at", "-id"]
        indexes = [models.Index(fields=["office", "status", "-opens_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="consultations_closes_after_opening",
            )
        ]

    def __str__(self) -> str:
        return self.title_tr

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(status=Status.PUBLISHED)

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def outcome(self) -> str:
        return localized(self, "outcome")

    def phase(self, now: dt.datetime | None = None) -> str:
        if self.status == Status.DRAFT:
            return Phase.DRAFT.value
        if self.answers_published_at is not None:
            return Phase.ANSWERED.value
        now = now or timezone.now()
        if now < self.opens_at:
            return Phase.UPCOMING.value
        if now < self.closes_at:
            return Phase.OPEN.value
        return Phase.CLOSED.value

    @property
    def current_phase(self) -> str:
        return self.phase()

    @property
    def phase_label(self) -> str:
        return str(Phase(self.phase()).label)

    @property
    def is_open(self) -> bool:
        return self.phase() == Phase.OPEN


class Section(OfficeOwned):
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="sections", verbose_name=_("istişare")
    )
    number = models.PositiveSmallIntegerField(_("sıra"))
    heading_tr = models.CharField(_("bölüm başlığı (Türkçe)"), max_length=300)
    heading_en = models.CharField(_("bölüm başlığı (İngilizce)"), max_length=300, blank=True)
    body_tr = models.TextField(_("taslak metin (Türkçe)"))
    body_en = models.TextField(_("taslak metin (İngilizce)"), blank=True)
    final_tr = models.TextField(
        _("son metin (Türkçe)"), blank=True, help_text=_("Boşsa taslak metin değişmedi.")
    )
    final_en = models.TextField(_("son metin (İngilizce)"), blank=True)

    class Meta:
        verbose_name = _("bölüm")
        verbose_name_plural = _("bölümler")
        ordering = ["consultation", "number", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "number"], name="consultations_section_number_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.heading_tr}"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(consultation__status=Status.PUBLISHED)

    @property
    def heading(self) -> str:
        return localized(self, "heading")

    @property
    def body(self) -> str:
        return localized(self, "body")

    @property
    def final(self) -> str:
        return localized(self, "final")


def new_token_nonce() -> str:
    return secrets.token_urlsafe(16)


class Contribution(OfficeOwned, TimeStamped):
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.CASCADE,
        related_name="contributions",
        verbose_name=_("istişare"),
    )
    section = models.ForeignKey(
        Section, on_delete=models.CASCADE, related_name="contributions", verbose_name=_("bölüm")
    )
    body = models.TextField(_("katkı"))
    author_kind = models.CharField(
        _("katılımcı türü"), max_length=10, choices=AuthorKind.choices, default=AuthorKind.PUBLIC
    )
    author_name = models.CharField(
        _("görünecek ad"),
        max_length=150,
        blank=True,
        help_text=_("Boş bırakırsanız katkınız adsız görünür."),
    )
    email = models.EmailField(_("e-posta"), blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("hesap"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kurum"),
    )
    language = models.CharField(_("dil"), max_length=2, default="tr")
    consent_text = models.TextField(_("onay metni"), blank=True)
    consent_at = models.DateTimeField(_("onay zamanı"), null=True, blank=True)
    profile_consent = models.BooleanField(_("tanıtıcı bilgiler için onay"), default=False)
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ilçe"),
    )
    age_group = models.CharField(
        _("yaş grubu"), max_length=10, choices=AgeGroup.choices, blank=True
    )
    priority_group = models.CharField(
        _("öncelikli grup"), max_length=30, choices=PriorityGroup.choices, blank=True
    )
    moderation = models.CharField(
        _("moderasyon"), max_length=10, choices=Moderation.choices, default=Moderation.VISIBLE
    )
    moderation_reason = models.CharField(_("gizleme gerekçesi"), max_length=300, blank=True)
    outcome = models.CharField(_("yanıt"), max_length=15, choices=Outcome.choices, blank=True)
    answer_tr = models.TextField(_("gerekçe (Türkçe)"), blank=True)
    answer_en = models.TextField(_("gerekçe (İngilizce)"), blank=True)
    answered_at = models.DateTimeField(_("yanıtlanma"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yanıtlayan"),
    )
    token_nonce = models.CharField(max_length=40, default=new_token_nonce, editable=False)
    erased_at = models.DateTimeField(_("kişisel veri silindi"), null=True, blank=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("katkı")
        verbose_name_plural = _("katkılar")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["section", "moderation", "created_at"]),
            models.Index(fields=["consultation", "moderation"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(outcome="") | ~models.Q(answer_tr="") | ~models.Q(answer_en=""),
                name="consultations_answer_has_reason",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} ({self.section_id})"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(consultation__status=Status.PUBLISHED, moderation=Moderation.VISIBLE)

    def refresh_derived(self) -> list[str]:
        self.email_key = normalise_email(self.email)
        return ["email_key"]

    @property
    def answer(self) -> str:
        return localized(self, "answer")

    @property
    def changed_text(self) -> bool:
        return self.outcome in CHANGING_OUTCOMES

    @property
    def display_name(self) -> str:
        if self.erased_at is not None:
            return str(_("(silinmiş kişi)"))
        if self.author_kind == AuthorKind.MEMBER and self.organisation_id:
            org = self.organisation
            return f"{self.author_name} ({org.name})" if self.author_name else org.name  # type: ignore[union-attr]
        return self.author_name or str(_("Adsız katılımcı"))
