"""The decisions and actions register: what a board (or the province) decided, who owns
it, by when, how far it has come, and the work that carries it out.

A decision's stored ``status`` is what people set (planned, in progress, done,
cancelled); *late* is derived: an open decision past its due date. ``state()`` gives the
status a reader sees; :func:`state_q` filters on it in the database.
"""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.i18n import localized
from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import sort_key
from kopru.core.vocabularies import Sector


class Status(models.TextChoices):
    """What the owner or the office sets."""

    PLANNED = "planned", _("planlandı")
    IN_PROGRESS = "in_progress", _("sürüyor")
    DONE = "done", _("tamamlandı")
    CANCELLED = "cancelled", _("iptal edildi")


class State(models.TextChoices):
    """What a reader sees: the status, or *late* for an open decision past its date."""

    PLANNED = "planned", _("planlandı")
    IN_PROGRESS = "in_progress", _("sürüyor")
    LATE = "late", _("gecikmede")
    DONE = "done", _("tamamlandı")
    CANCELLED = "cancelled", _("iptal edildi")


OPEN_STATUSES = (Status.PLANNED, Status.IN_PROGRESS)


def state_q(state: str, today: dt.date | None = None) -> models.Q:
    """The decisions in ``state`` (one of :class:`State`) on ``today``."""
    today = today or timezone.localdate()
    if state == State.LATE:
        return models.Q(status__in=OPEN_STATUSES, due_date__lt=today)
    if state in (State.PLANNED, State.IN_PROGRESS):
        return models.Q(status=state, due_date__gte=today)
    return models.Q(status=state)


def new_token_nonce() -> str:
    return secrets.token_urlsafe(16)


class Decision(OfficeOwned, TimeStamped, Versioned):
    meeting = models.ForeignKey(
        "boards.Meeting",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("alındığı toplantı"),
        help_text=_("Boş bırakılırsa karar toplantı dışında girilmiştir (ör. il eylem planı)."),
    )
    agenda_item = models.ForeignKey(
        "boards.AgendaItem",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("gündem maddesi"),
    )
    body = models.ForeignKey(
        "boards.Body",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("kurul"),
        help_text=_("Toplantıda alınan kararda toplantının kurulu."),
    )
    reference = models.CharField(
        _("karar no"), max_length=40, blank=True, help_text=_("Ör. 2026/4 ya da UEP-3.2.")
    )
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=300)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=300, blank=True)
    text_tr = models.TextField(_("karar metni (Türkçe)"))
    text_en = models.TextField(_("karar metni (İngilizce)"), blank=True)
    source = models.CharField(
        _("dayanak"),
        max_length=200,
        blank=True,
        help_text=_("Toplantı dışında girilen kararlar için: ör. AB Uyum Eylem Planı 2026."),
    )
    owner = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("sorumlu kurum"),
    )
    contact_name = models.CharField(_("sorumlu kişi"), max_length=150, blank=True)
    contact_email = models.EmailField(_("sorumlunun e-postası"), blank=True)
    theme = models.CharField(_("tema"), max_length=30, choices=Sector.choices, blank=True)
    district = models.ForeignKey(
        "geo.District",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("ilçe"),
        help_text=_("Boş bırakılırsa il geneli."),
    )
    decided_on = models.DateField(_("karar tarihi"))
    due_date = models.DateField(_("bitiş tarihi"))
    status = models.CharField(
        _("durum"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    progress = models.PositiveSmallIntegerField(_("ilerleme (%)"), default=0)
    cancel_reason = models.TextField(_("iptal gerekçesi"), blank=True)
    completed_on = models.DateField(_("tamamlanma"), null=True, blank=True, editable=False)
    is_public = models.BooleanField(
        _("herkese açık"),
        default=True,
        help_text=_("Herkese açık kararlar ofisin hesap verebilirlik sayfasında görünür."),
    )
    token_nonce = models.CharField(max_length=40, default=new_token_nonce, editable=False)
    reminded_on = models.DateField(null=True, blank=True, editable=False)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    title_sort = models.CharField(max_length=600, blank=True, editable=False)

    class Meta:
        verbose_name = _("karar")
        verbose_name_plural = _("kararlar")
        ordering = ["due_date", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="decisions_progress_0_100",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="decisions_cancel_has_reason",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "is_public", "due_date"]),
            models.Index(fields=["office", "owner"]),
            models.Index(fields=["office", "status", "due_date"]),
            models.Index(fields=["body", "status"]),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.title_tr}".strip()

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(is_public=True)

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def text(self) -> str:
        return localized(self, "text")

    def state(self, today: dt.date | None = None) -> str:
        if self.status in OPEN_STATUSES and self.due_date < (today or timezone.localdate()):
            return State.LATE.value
        return str(self.status)

    @property
    def current_state(self) -> str:
        return self.state()

    @property
    def state_label(self) -> str:
        return str(State(self.state()).label)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def refresh_derived(self) -> list[str]:
        self.title_sort = sort_key(self.title_tr or self.title_en)
        return ["title_sort"]


class Milestone(OfficeOwned):
    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="milestones", verbose_name=_("karar")
    )
    title_tr = models.CharField(_("ara adım (Türkçe)"), max_length=300)
    title_en = models.CharField(_("ara adım (İngilizce)"), max_length=300, blank=True)
    due_date = models.DateField(_("tarih"))
    done_on = models.DateField(_("gerçekleşme tarihi"), null=True, blank=True)

    class Meta:
        verbose_name = _("ara adım")
        verbose_name_plural = _("ara adımlar")
        ordering = ["due_date", "id"]

    def __str__(self) -> str:
        return self.title_tr

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(decision__is_public=True)

    @property
    def title(self) -> str:
        return localized(self, "title")


class LinkKind(models.TextChoices):
    PROJECT = "project", _("proje")
    CALL = "call", _("çağrı")
    TRAINING = "training", _("eğitim")
    NEWS = "news", _("haber")


class DecisionLink(OfficeOwned):
    """A project, call, training or news item that carries a decision out."""

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="links", verbose_name=_("karar")
    )
    kind = models.CharField(_("tür"), max_length=10, choices=LinkKind.choices)
    project = models.ForeignKey(
        "projects.Project", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    call = models.ForeignKey(
        "calls.Call", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    event = models.ForeignKey(
        "trainings.Event", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    url = models.URLField(_("bağlantı"), blank=True)
    label = models.CharField(_("başlık"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("karar bağlantısı")
        verbose_name_plural = _("karar bağlantıları")
        ordering = ["kind", "id"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(kind="project", project__isnull=False)
                    | models.Q(kind="call", call__isnull=False)
                    | models.Q(kind="training", event__isnull=False)
                    | (models.Q(kind="news") & ~models.Q(url=""))
                ),
                name="decisions_link_names_its_target",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.target_title}"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(decision__is_public=True)

    @property
    def target(self) -> Any:
        return {"project": self.project, "call": self.call, "training": self.event}.get(self.kind)

    @property
    def target_title(self) -> str:
        target = self.target
        if target is None:
            return self.label or self.url
        return localized(target, "title") if hasattr(target, "title_tr") else str(target)


class Update(OfficeOwned):
    """One change of a decision's progress or status, as its public history shows it.

    The audit trail records every change of every field; this is the readable line
    ("45 % → 60 %: the second workshop was held") the public page lists.
    """

    decision = models.ForeignKey(
        Decision, on_delete=models.CASCADE, related_name="updates", verbose_name=_("karar")
    )
    at = models.DateTimeField(_("zaman"), default=timezone.now)
    status = models.CharField(_("durum"), max_length=12, choices=Status.choices)
    progress = models.PositiveSmallIntegerField(_("ilerleme (%)"))
    note = models.TextField(_("açıklama"), blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("güncelleyen"),
    )
    author_label = models.CharField(_("güncelleyen"), max_length=200, blank=True)
    via_link = models.BooleanField(_("imzalı bağlantıyla"), default=False)

    class Meta:
        verbose_name = _("karar güncellemesi")
        verbose_name_plural = _("karar güncellemeleri")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["decision", "-at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__gte=0, progress__lte=100),
                name="decisions_update_progress_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.decision_id}: {self.progress}%"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(decision__is_public=True)
