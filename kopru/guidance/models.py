"""The guidance desk: every request for guidance or consulting is a case.

A case arrives through the public web form (or an institution member's form) or is
logged by staff after a visit, a phone call, an e-mail or a Eurodesk youth enquiry.
It is assigned to an expert, moves through its statuses, keeps a timeline of notes,
replies and follow-ups, and ends with an outcome. The requester follows it through a
private link without an account.

Response times are stored when they happen (``first_response_seconds``,
``resolution_seconds``) and every case carries the month it was opened, so the desk
overview computes medians and percentiles with plain indexed queries.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import normalise_email, search_key
from kopru.organisations.models import OrganisationType

from .tokens import make_case_token


class Channel(models.TextChoices):
    WEB_FORM = "web_form", _("Web formu")
    VISIT = "visit", _("Yüz yüze görüşme")
    PHONE = "phone", _("Telefon")
    EMAIL = "email", _("E-posta")
    EURODESK = "eurodesk", _("Eurodesk gençlik sorusu")


# Channels that staff log themselves (the web form is filled in by the requester).
STAFF_CHANNELS = [c for c in Channel if c != Channel.WEB_FORM]


class Topic(models.TextChoices):
    FUNDING = "funding", _("Hibe ve kredi fırsatları, çağrılar")
    PROJECT_WRITING = "project_writing", _("Proje hazırlama ve başvuru")
    PARTNER = "partner", _("Ortak bulma")
    IMPLEMENTATION = "implementation", _("Proje uygulama, raporlama ve izleme")
    YOUTH_MOBILITY = "youth_mobility", _("Gençlik ve öğrenme hareketliliği (Eurodesk)")
    TRAINING = "training", _("Eğitimler")
    EU_AFFAIRS = "eu_affairs", _("AB uyum süreci ve dış ilişkiler")
    OTHER = "other", _("Diğer")


class Status(models.TextChoices):
    NEW = "new", _("yeni")
    ASSIGNED = "assigned", _("atandı")
    IN_PROGRESS = "in_progress", _("üzerinde çalışılıyor")
    WAITING = "waiting", _("talep sahibinden yanıt bekleniyor")
    ANSWERED = "answered", _("yanıtlandı")
    CLOSED = "closed", _("kapatıldı")


OPEN_STATUSES = [s for s in Status if s != Status.CLOSED]

# The statuses a case may be moved to by hand from each status. Closing goes through
# ``case_close`` (it needs an outcome), reopening through ``case_reopen``.
STATUS_MOVES: dict[str, list[str]] = {
    Status.NEW: [Status.IN_PROGRESS, Status.WAITING],
    Status.ASSIGNED: [Status.IN_PROGRESS, Status.WAITING],
    Status.IN_PROGRESS: [Status.WAITING],
    Status.WAITING: [Status.IN_PROGRESS],
    Status.ANSWERED: [Status.IN_PROGRESS, Status.WAITING],
    Status.CLOSED: [],
}


class Outcome(models.TextChoices):
    ADVICE = "advice", _("Bilgi ve öneri verildi")
    SUBMITTED = "submitted", _("Başvuru yapıldı")
    FUNDED = "funded", _("Proje destek aldı")
    REFERRED = "referred", _("Başka bir kuruma yönlendirildi")
    NOT_PURSUED = "not_pursued", _("Talep sahibi vazgeçti / sonuçsuz")


class Case(OfficeOwned, TimeStamped, Versioned):
    reference = models.CharField(_("başvuru numarası"), max_length=20, unique=True)
    channel = models.CharField(_("kanal"), max_length=12, choices=Channel.choices)
    topic = models.CharField(_("konu"), max_length=20, choices=Topic.choices)
    subject = models.CharField(_("başlık"), max_length=200)
    message = models.TextField(_("talep"), blank=True)
    language = models.CharField(_("yazışma dili"), max_length=2, default="tr")

    requester_name = models.CharField(_("talep sahibi"), max_length=200, blank=True)
    requester_email = models.EmailField(_("e-posta"), blank=True)
    requester_phone = models.CharField(_("telefon"), max_length=30, blank=True)
    requester_organisation_name = models.CharField(
        _("kurum / kuruluş (beyan edilen)"), max_length=250, blank=True
    )
    requester_type = models.CharField(
        _("kurum türü"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    priority_group = models.BooleanField(
        _("öncelikli gruptan"),
        default=False,
        help_text=_("Dezavantajlı grup, genç, genç girişimci veya gençlik çalışanı."),
    )
    requester_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("talep eden hesap"),
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_cases",
        verbose_name=_("kurum"),
    )
    call = models.ForeignKey(
        "calls.Call",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_cases",
        verbose_name=_("ilgili çağrı"),
    )
    project = models.ForeignKey(
        "projects.Project",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="guidance_cases",
        verbose_name=_("ilgili proje"),
    )

    status = models.CharField(_("durum"), max_length=12, choices=Status.choices, default=Status.NEW)
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("sorumlu uzman"),
    )
    assigned_at = models.DateTimeField(_("atanma"), null=True, blank=True)
    follow_up_on = models.DateField(_("sonraki takip tarihi"), null=True, blank=True)
    outcome = models.CharField(_("sonuç"), max_length=12, choices=Outcome.choices, blank=True)
    outcome_note = models.TextField(_("sonuç notu"), blank=True)

    opened_at = models.DateTimeField(_("açılış"), default=timezone.now)
    opened_month = models.DateField(_("açılış ayı"), editable=False)
    first_response_at = models.DateTimeField(_("ilk yanıt"), null=True, blank=True)
    first_response_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)
    closed_at = models.DateTimeField(_("kapanış"), null=True, blank=True)
    resolution_seconds = models.PositiveIntegerField(null=True, blank=True, editable=False)

    link_version = models.PositiveIntegerField(default=1, editable=False)
    consent_text = models.TextField(_("onay metni"), blank=True)
    consent_at = models.DateTimeField(_("onay zamanı"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kaydeden"),
    )
    erased_at = models.DateTimeField(_("kişisel veri silindi"), null=True, blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False, db_index=True)
    search_document = models.TextField(blank=True, editable=False, default="")
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("danışma talebi")
        verbose_name_plural = _("danışma talepleri")
        ordering = ["-opened_at", "-id"]
        indexes = [
            # The desk overview reads these two without touching the table.
            models.Index(
                fields=["office", "status", "assigned_to", "follow_up_on"],
                name="guidance_case_workload",
            ),
            models.Index(
                fields=[
                    "office",
                    "opened_month",
                    "assigned_to",
                    "channel",
                    "topic",
                    "first_response_seconds",
                    "resolution_seconds",
                ],
                name="guidance_case_monthly",
            ),
            # Lists: an expert's cases and everybody's, newest first.
            models.Index(
                fields=["office", "assigned_to", "status", "-opened_at"],
                name="guidance_case_expert_list",
            ),
            models.Index(fields=["office", "-opened_at"], name="guidance_case_newest"),
            models.Index(fields=["office", "follow_up_on"], name="guidance_case_follow_up"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="closed") | ~models.Q(outcome=""),
                name="guidance_closed_case_has_outcome",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="closed") | models.Q(closed_at__isnull=False),
                name="guidance_closed_case_has_closing_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference} {self.subject}"

    def refresh_derived(self) -> list[str]:
        self.opened_month = month_of(self.opened_at)
        self.email_key = normalise_email(self.requester_email)
        self.search_document = search_key(
            " ".join(
                [
                    self.reference,
                    self.subject,
                    self.message,
                    self.requester_name,
                    self.requester_organisation_name,
                    self.requester_email,
                ]
            )
        )
        return ["opened_month", "email_key", "search_document"]

    @property
    def is_open(self) -> bool:
        return self.status != Status.CLOSED

    @property
    def follow_up_overdue(self) -> bool:
        return bool(self.is_open and self.follow_up_on and self.follow_up_on < timezone.localdate())

    @property
    def requester_display(self) -> str:
        parts = [p for p in (self.requester_name, self.requester_organisation_name) if p]
        if self.organisation_id and not self.requester_organisation_name:
            parts.append(str(self.organisation))
        return " · ".join(parts) or str(_("(adı verilmedi)"))

    @property
    def private_token(self) -> str:
        return make_case_token(self.pk, self.link_version)

    def status_moves(self) -> list[tuple[str, str]]:
        labels = dict(Status.choices)
        return [(s, str(labels[s])) for s in STATUS_MOVES[self.status]]


class EntryKind(models.TextChoices):
    REQUEST = "request", _("talep")
    REPLY = "reply", _("yanıt")
    REQUESTER = "requester", _("talep sahibinin mesajı")
    NOTE = "note", _("iç not")
    ASSIGNMENT = "assignment", _("atama")
    STATUS = "status", _("durum değişikliği")
    FOLLOW_UP = "follow_up", _("takip")
    OUTCOME = "outcome", _("sonuç")


# What the requester sees on their private page.
PUBLIC_KINDS = [EntryKind.REQUEST, EntryKind.REPLY, EntryKind.REQUESTER, EntryKind.OUTCOME]


class CaseEntry(OfficeOwned):
    """One line of a case's timeline."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="entries")
    kind = models.CharField(_("tür"), max_length=12, choices=EntryKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yazan"),
    )
    body = models.TextField(_("metin"), blank=True)
    data = models.JSONField(default=dict, blank=True)
    is_public = models.BooleanField(_("talep sahibi görür"), default=False)
    emailed_at = models.DateTimeField(_("e-postayla gönderildi"), null=True, blank=True)
    created_at = models.DateTimeField(_("zaman"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("talep hareketi")
        verbose_name_plural = _("talep hareketleri")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["case", "created_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"

    @property
    def follow_up_date(self) -> dt.date | None:
        try:
            return dt.date.fromisoformat(self.data.get("date") or "")
        except ValueError:
            return None

    @property
    def outcome_label(self) -> str:
        return str(dict(Outcome.choices).get(self.data.get("outcome", ""), ""))

    @property
    def status_from_label(self) -> str:
        return str(dict(Status.choices).get(self.data.get("from", ""), ""))

    @property
    def status_to_label(self) -> str:
        return str(dict(Status.choices).get(self.data.get("to", ""), ""))


class CaseSequence(models.Model):
    """The last reference number given by one office in one year (row-locked on use)."""

    office = models.ForeignKey("offices.Office", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="guidance_sequence_once")
        ]

    def __str__(self) -> str:
        return f"{self.office_id}/{self.year}: {self.last}"


def month_of(moment: dt.datetime) -> dt.date:
    local = timezone.localtime(moment) if timezone.is_aware(moment) else moment
    return local.date().replace(day=1)
