"""Base models: office ownership, optimistic versioning, and the audit trail."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .scoping import OfficeScopedManager


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("oluşturulma"), auto_now_add=True)
    updated_at = models.DateTimeField(_("güncellenme"), auto_now=True)

    class Meta:
        abstract = True


class Versioned(models.Model):
    """A record two people may edit: saves based on a stale copy are refused.

    Change it only through :func:`kopru.core.services.model_update`, which
    increments ``version`` atomically and records the change in the audit trail.
    """

    version = models.PositiveIntegerField(_("sürüm"), default=1, editable=False)

    class Meta:
        abstract = True


class OfficeOwned(models.Model):
    """A record that belongs to one office; read only through the office scope.

    ``objects`` is scoped (see :mod:`kopru.core.scoping`). Subclasses that have a
    notion of "published" override :meth:`public_q`; those that share records with
    every office (national-level calls) override :meth:`office_scope_q`.
    """

    office = models.ForeignKey(
        "offices.Office", on_delete=models.PROTECT, related_name="+", verbose_name=_("ofis")
    )

    objects = OfficeScopedManager()

    class Meta:
        abstract = True

    @classmethod
    def office_scope_q(cls, office: Any) -> models.Q:
        return models.Q(office=office)

    @classmethod
    def public_q(cls) -> models.Q:
        """Records anyone may see. Default: none."""
        return models.Q(pk__in=[])


class AuditEntry(models.Model):
    """Who did what to which record, when, with the old and new values."""

    created_at = models.DateTimeField(_("zaman"), auto_now_add=True, db_index=True)
    office = models.ForeignKey(
        "offices.Office",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ofis"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("İşlemi yapan"),
    )
    actor_repr = models.CharField(_("İşlemi yapan (ad)"), max_length=200, blank=True)
    action = models.CharField(_("İşlem"), max_length=100, db_index=True)
    content_type = models.ForeignKey(
        ContentType, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    object_id = models.CharField(max_length=64, blank=True)
    object_repr = models.CharField(
        pgettext_lazy("audited record", "kayıt"), max_length=300, blank=True
    )
    version = models.PositiveIntegerField(_("sürüm"), null=True, blank=True)
    changes = models.JSONField(_("değişiklikler"), default=dict, blank=True)
    data = models.JSONField(_("ek bilgi"), default=dict, blank=True)

    class Meta:
        verbose_name = _("denetim kaydı")
        verbose_name_plural = _("denetim kayıtları")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            models.Index(fields=["office", "-created_at"]),
        ]

    def __str__(self) -> str:
        return (
            f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_repr} {self.action} {self.object_repr}"
        )


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("sırada")
    RUNNING = "running", _("çalışıyor")
    SUCCEEDED = "succeeded", _("tamamlandı")
    FAILED = "failed", _("başarısız")


class Job(OfficeOwned):
    """A long piece of work (import, digest, report) and its progress, for the user.

    Started by :func:`kopru.core.jobs.job_start`, which enqueues the task; the task
    reports with :func:`kopru.core.jobs.job_progress` and ends with
    ``job_succeed``/``job_fail``. The panel page ``panel:core:job`` polls it.
    """

    kind = models.CharField(_("tür"), max_length=60)
    title = models.CharField(_("başlık"), max_length=200)
    status = models.CharField(
        _("durum"), max_length=12, choices=JobStatus.choices, default=JobStatus.QUEUED
    )
    done = models.PositiveIntegerField(_("tamamlanan"), default=0)
    total = models.PositiveIntegerField(_("toplam"), default=0)
    message = models.TextField(_("mesaj"), blank=True)
    params = models.JSONField(_("parametreler"), default=dict, blank=True)
    result = models.JSONField(_("sonuç"), default=dict, blank=True)
    input_file = models.FileField(_("dosya"), upload_to="jobs/%Y/%m/", blank=True)
    result_file = models.FileField(_("sonuç dosyası"), upload_to="jobs/%Y/%m/", blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("başlatan"),
    )
    created_at = models.DateTimeField(pgettext_lazy("job", "başlangıç"), auto_now_add=True)
    finished_at = models.DateTimeField(pgettext_lazy("job", "bitiş"), null=True, blank=True)

    class Meta:
        verbose_name = _("arka plan işi")
        verbose_name_plural = _("arka plan işleri")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.title

    @property
    def percent(self) -> int:
        if self.status == JobStatus.SUCCEEDED:
            return 100
        return int(100 * self.done / self.total) if self.total else 0

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.SUCCEEDED, JobStatus.FAILED)


class RateLimitBucket(models.Model):
    """How many times one client did one thing in one time window (see ``core.ratelimit``).

    Kept in the database so that every app process counts the same submissions.
    ``key`` holds a hash of the client's address, never the address itself.
    """

    key = models.CharField(max_length=100)
    window_start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("istek sınırı sayacı")
        verbose_name_plural = _("istek sınırı sayaçları")
        constraints = [
            models.UniqueConstraint(fields=["key", "window_start"], name="core_ratelimit_once")
        ]
        indexes = [models.Index(fields=["window_start"])]

    def __str__(self) -> str:
        return f"{self.key} @ {self.window_start:%Y-%m-%d %H:%M}: {self.count}"


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("sırada")
    RUNNING = "running", _("çalışıyor")
    SUCCEEDED = "succeeded", _("tamamlandı")
    FAILED = "failed", _("başarısız")


class ScheduledRun(models.Model):
    """One run of a periodic job for one slot of its cron expression.

    The scheduler inserts the row and enqueues the run in one transaction; the unique
    (job, slot) pair is what lets any number of scheduler processes run side by side:
    the first insert wins, the others get an IntegrityError and enqueue nothing.
    """

    job = models.CharField(_("iş"), max_length=100)
    slot = models.DateTimeField(_("planlanan zaman"))
    status = models.CharField(
        _("durum"), max_length=12, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    enqueued_at = models.DateTimeField(_("sıraya girdi"), auto_now_add=True)
    started_at = models.DateTimeField(pgettext_lazy("job", "başlangıç"), null=True, blank=True)
    finished_at = models.DateTimeField(pgettext_lazy("job", "bitiş"), null=True, blank=True)
    message = models.TextField(_("mesaj"), blank=True)

    class Meta:
        verbose_name = _("planlanmış iş çalışması")
        verbose_name_plural = _("planlanmış iş çalışmaları")
        ordering = ["-slot"]
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="core_scheduledrun_once")
        ]
        indexes = [models.Index(fields=["job", "-slot"])]

    def __str__(self) -> str:
        return f"{self.job} @ {self.slot:%Y-%m-%d %H:%M}: {self.status}"


class ImageStatus(models.TextChoices):
    PENDING = "pending", _("hazırlanıyor")
    READY = "ready", _("hazır")
    FAILED = "failed", _("işlenemedi")


class StoredImage(OfficeOwned, TimeStamped):
    """A photo an office published or will publish (news, stories, ...); see ``core.images``.

    The upload is checked by content when it arrives and kept privately (``source``)
    until the background task has written the sizes the pages use (``renditions``:
    ``{"card": {"width": 960, "height": 640, "jpg": "<name>", "webp": "<name>"}}``),
    turned upright and without any metadata; the upload is then deleted. Files are
    served only by the owning app's views (:func:`kopru.core.images.image_response`).

    A photo with recognisable people (``has_people``) may be published only once their
    consent is recorded (KVKK): ``public_q`` leaves it out until then, whatever shows it.
    """

    status = models.CharField(
        _("durum"), max_length=10, choices=ImageStatus.choices, default=ImageStatus.PENDING
    )
    source = models.FileField(_("yüklenen dosya"), upload_to="images/incoming/%Y/%m/", blank=True)
    source_format = models.CharField(_("biçim"), max_length=10, blank=True)
    source_bytes = models.PositiveIntegerField(_("boyut"), default=0)
    width = models.PositiveIntegerField(_("genişlik"), default=0)
    height = models.PositiveIntegerField(_("yükseklik"), default=0)
    renditions = models.JSONField(_("boyutlar"), default=dict, blank=True)
    error = models.CharField(_("hata"), max_length=300, blank=True)
    alt_tr = models.CharField(
        _("alternatif metin (Türkçe)"),
        max_length=250,
        help_text=_("Görmeyen ziyaretçiye fotoğrafta ne olduğunu anlatan kısa cümle."),
    )
    alt_en = models.CharField(_("alternatif metin (İngilizce)"), max_length=250, blank=True)
    caption_tr = models.CharField(_("alt yazı (Türkçe)"), max_length=300, blank=True)
    caption_en = models.CharField(_("alt yazı (İngilizce)"), max_length=300, blank=True)
    credit = models.CharField(_("fotoğraf"), max_length=120, blank=True)
    has_people = models.BooleanField(
        _("fotoğrafta tanınabilir kişiler var"),
        default=False,
        help_text=_("İşaretliyse kişilerin açık rızası kaydedilmeden yayımlanamaz (KVKK)."),
    )
    people_consent = models.BooleanField(_("kişilerin rızası alındı"), default=False)
    consent_note = models.CharField(
        _("rıza kaydı"),
        max_length=300,
        blank=True,
        help_text=_("Rızanın nasıl alındığı ve nerede saklandığı (ör. imzalı form, dosya no)."),
    )
    consent_recorded_at = models.DateTimeField(
        _("rızanın kaydedildiği zaman"), null=True, blank=True
    )
    consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rızayı kaydeden"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yükleyen"),
    )

    class Meta:
        verbose_name = _("görsel")
        verbose_name_plural = _("görseller")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.alt_tr[:80] or f"#{self.pk}"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(status=ImageStatus.READY) & (
            models.Q(has_people=False) | models.Q(people_consent=True)
        )

    @property
    def ready(self) -> bool:
        return self.status == ImageStatus.READY

    @property
    def consent_missing(self) -> bool:
        return self.has_people and not self.people_consent

    @property
    def publishable(self) -> bool:
        return self.ready and not self.consent_missing


class WorkerHeartbeat(models.Model):
    """The last sign of life of one task worker process (``manage.py worker``).

    Each worker writes its own row every few seconds (no row shared by the workers);
    ``/healthz``, the job pages and the national admin's scheduler page read the newest.
    """

    worker_id = models.CharField(_("işçi"), max_length=64, unique=True)
    host = models.CharField(_("sunucu"), max_length=200)
    pid = models.PositiveIntegerField(_("süreç"))
    started_at = models.DateTimeField(pgettext_lazy("job", "başlangıç"))
    beat_at = models.DateTimeField(_("son sinyal"), db_index=True)

    class Meta:
        verbose_name = _("işçi sinyali")
        verbose_name_plural = _("işçi sinyalleri")
        ordering = ["-beat_at"]

    def __str__(self) -> str:
        return f"{self.worker_id} @ {self.beat_at:%Y-%m-%d %H:%M:%S}"


class ThesaurusWord(models.Model):
    """A word staff added to an entry of the bilingual thesaurus (national, not per office).

    The built-in words live in :data:`kopru.core.vocabularies.THESAURUS`; these extend
    them without a deploy (``kopru.core.thesaurus``).
    """

    kind = models.CharField(_("tür"), max_length=20)
    code = models.CharField(_("kod"), max_length=40)
    language = models.CharField(
        _("dil"), max_length=2, choices=[("tr", "Türkçe"), ("en", "English")]
    )
    word = models.CharField(_("sözcük"), max_length=80)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("eş anlamlı sözcük")
        verbose_name_plural = _("eş anlamlı sözcükler")
        ordering = ["kind", "code", "language", "word"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code", "language", "word"], name="core_thesaurus_word_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind}:{self.code} {self.word}"
