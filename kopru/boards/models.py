"""Boards and working groups, their meetings, agendas, invitations and minutes.

A *body* (the provincial EU advisory board, a thematic working group) has members
drawn from the stakeholder directory (an organisation and, optionally, one of its
people) with a role and a term. A *meeting* of the body has an agenda, documents and
invitations; an invitation carries the invitee's signed link (RSVP, comments on the
circulated minutes) and their attendance at the door. *Minutes* go through phases
(draft → circulated → approved → published); approved minutes never change: a
correction is a new version of the minutes with its reason.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopru.core.i18n import localized
from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import normalise_email, search_key, sort_key


def new_nonce() -> str:
    return secrets.token_urlsafe(12)


class BodyKind(models.TextChoices):
    BOARD = "board", _("Kurul")
    WORKING_GROUP = "working_group", _("Çalışma grubu")
    COMMISSION = "commission", _("Komisyon")


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Herkese açık")
    INTERNAL = "internal", _("İç (yalnızca ofis ve üyeler)")


class Body(OfficeOwned, TimeStamped, Versioned):
    """A board, commission or working group of the office."""

    kind = models.CharField(
        _("tür"), max_length=20, choices=BodyKind.choices, default=BodyKind.BOARD
    )
    name_tr = models.CharField(_("ad (Türkçe)"), max_length=250)
    name_en = models.CharField(_("ad (İngilizce)"), max_length=250, blank=True)
    short_name = models.CharField(_("kısa ad"), max_length=40, blank=True)
    mandate_tr = models.TextField(_("görev ve amaç (Türkçe)"), blank=True)
    mandate_en = models.TextField(_("görev ve amaç (İngilizce)"), blank=True)
    visibility = models.CharField(
        _("görünürlük"), max_length=10, choices=Visibility.choices, default=Visibility.INTERNAL
    )
    established_on = models.DateField(_("kuruluş tarihi"), null=True, blank=True)
    term_months = models.PositiveIntegerField(
        _("üyelik süresi (ay)"), default=24, help_text=_("Yeni üyeliklerin olağan süresi.")
    )
    is_active = models.BooleanField(_("etkin"), default=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    name_sort = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        verbose_name = _("kurul")
        verbose_name_plural = _("kurullar")
        ordering = ["name_sort", "id"]
        indexes = [models.Index(fields=["office", "visibility"])]

    def __str__(self) -> str:
        return self.name_tr

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(visibility=Visibility.PUBLIC)

    @property
    def is_public(self) -> bool:
        return self.visibility == Visibility.PUBLIC

    @property
    def name(self) -> str:
        return localized(self, "name")

    def refresh_derived(self) -> list[str]:
        self.name_sort = sort_key(self.name_tr)[:600]
        return ["name_sort"]


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Başkan")
    VICE_CHAIR = "vice_chair", _("Başkan yardımcısı")
    MEMBER = "member", _("Üye")
    SECRETARIAT = "secretariat", _("Sekretarya")
    OBSERVER = "observer", _("Gözlemci")


ROLE_ORDER: dict[str, int] = {
    MemberRole.CHAIR: 0,
    MemberRole.VICE_CHAIR: 1,
    MemberRole.MEMBER: 2,
    MemberRole.OBSERVER: 3,
    MemberRole.SECRETARIAT: 4,
}


class Membership(OfficeOwned, TimeStamped, Versioned):
    """A seat on a body: the organisation of the directory, the person who sits, the role
    and the term. The person's name and address are copied from the directory's team
    member (or typed in) so that the invitation goes to them; erasure blanks them."""

    body = models.ForeignKey(Body, on_delete=models.CASCADE, related_name="memberships")
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("kurum"),
    )
    person = models.ForeignKey(
        "organisations.TeamMember",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("rehberdeki kişi"),
    )
    full_name = models.CharField(_("ad soyad"), max_length=200, blank=True)
    job_title = models.CharField(_("unvan"), max_length=150, blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    role = models.CharField(
        _("görevi"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    term_starts_on = models.DateField(_("üyelik başlangıcı"))
    term_ends_on = models.DateField(_("üyelik bitişi"), null=True, blank=True)
    erased_at = models.DateTimeField(_("kişisel veri silindi"), null=True, blank=True)

    class Meta:
        verbose_name = _("kurul üyeliği")
        verbose_name_plural = _("kurul üyelikleri")
        ordering = ["body", "role", "id"]
        indexes = [models.Index(fields=["office", "email"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(term_ends_on__isnull=True)
                | models.Q(term_ends_on__gte=models.F("term_starts_on")),
                name="boards_membership_term_order",
            )
        ]

    def __str__(self) -> str:
        return self.full_name or str(self.organisation)

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(body__visibility=Visibility.PUBLIC)

    def refresh_derived(self) -> list[str]:
        self.email = normalise_email(self.email)
        return ["email"]

    def is_current(self, on: object) -> bool:
        return self.term_starts_on <= on and (  # type: ignore[operator]
            self.term_ends_on is None or self.term_ends_on >= on  # type: ignore[operator]
        )


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("planlandı")
    HELD = "held", _("yapıldı")
    CANCELLED = "cancelled", _("iptal edildi")


class Meeting(OfficeOwned, TimeStamped, Versioned):
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="meetings")
    number = models.PositiveIntegerField(_("toplantı sayısı"), editable=False, default=0)
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=250)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=250, blank=True)
    starts_at = models.DateTimeField(_("başlangıç"))
    ends_at = models.DateTimeField(_("bitiş"))
    place = models.CharField(_("yer"), max_length=300, blank=True)
    online_url = models.URLField(
        pgettext_lazy("web address", "çevrim içi toplantı bağlantısı"), blank=True
    )
    status = models.CharField(
        _("durum"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    cancel_reason = models.CharField(_("iptal nedeni"), max_length=300, blank=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("toplantı")
        verbose_name_plural = _("toplantılar")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["office", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="boards_meeting_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return self.title_tr

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(body__visibility=Visibility.PUBLIC)

    @property
    def title(self) -> str:
        return localized(self, "title")


class AgendaItem(OfficeOwned, TimeStamped, Versioned):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items")
    order = models.PositiveIntegerField(_("sıra"), default=0)
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=300)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=300, blank=True)
    description = models.TextField(_("açıklama"), blank=True)
    presenter = models.CharField(_("sunan"), max_length=200, blank=True)
    minutes_allotted = models.PositiveIntegerField(_("süre (dakika)"), default=10)
    source_key = models.CharField(
        _("kaynak"),
        max_length=120,
        blank=True,
        editable=False,
        help_text=_("Gündeme kendiliğinden gelen maddenin kaynağı (ör. açık eylem)."),
    )

    class Meta:
        verbose_name = _("gündem maddesi")
        verbose_name_plural = _("gündem maddeleri")
        ordering = ["meeting", "order", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "source_key"],
                condition=~models.Q(source_key=""),
                name="boards_agenda_source_once",
            )
        ]

    def __str__(self) -> str:
        return self.title_tr

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(meeting__body__visibility=Visibility.PUBLIC)

    @property
    def title(self) -> str:
        return localized(self, "title")


def document_path(instance: MeetingDocument, filename: str) -> str:
    return f"boards/{instance.office_id}/meetings/{instance.meeting_id}/{filename}"


class MeetingDocument(OfficeOwned, TimeStamped):
    """A paper of a meeting, served only by an access-checking view."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="documents")
    title = models.CharField(_("başlık"), max_length=250)
    file = models.FileField(_("dosya"), upload_to=document_path, max_length=300)
    is_public = models.BooleanField(
        _("herkese açık"),
        default=False,
        help_text=_("Kurul herkese açıksa belge toplantının açık sayfasında da görünür."),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("toplantı belgesi")
        verbose_name_plural = _("toplantı belgeleri")
        ordering = ["meeting", "title", "id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(is_public=True, meeting__body__visibility=Visibility.PUBLIC)


class Rsvp(models.TextChoices):
    PENDING = "pending", _("yanıt bekleniyor")
    YES = "yes", _("katılacak")
    NO = "no", _("katılamayacak")
    MAYBE = "maybe", _("belki")


class Invitation(OfficeOwned, TimeStamped):
    """One invitee of a meeting: their signed link (RSVP, comments on the minutes) and
    their attendance at the door. ``token_nonce`` is inside the link's signature: a new
    nonce (revoking, erasing) makes every earlier link stop working."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitations")
    membership = models.ForeignKey(
        Membership, null=True, blank=True, on_delete=models.SET_NULL, related_name="invitations"
    )
    full_name = models.CharField(_("ad soyad"), max_length=200)
    organisation_name = models.CharField(_("kurum"), max_length=300, blank=True)
    email = models.EmailField(_("e-posta"), blank=True)
    rsvp = models.CharField(
        _("katılım yanıtı"), max_length=10, choices=Rsvp.choices, default=Rsvp.PENDING
    )
    rsvp_note = models.CharField(_("not"), max_length=300, blank=True)
    responded_at = models.DateTimeField(_("yanıt zamanı"), null=True, blank=True)
    sent_at = models.DateTimeField(_("davet gönderildi"), null=True, blank=True)
    token_nonce = models.CharField(max_length=32, default=new_nonce, editable=False)
    revoked_at = models.DateTimeField(_("bağlantı iptal edildi"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("giriş zamanı"), null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name_search = models.CharField(max_length=400, editable=False, default="", db_index=True)
    erased_at = models.DateTimeField(_("kişisel veri silindi"), null=True, blank=True)

    class Meta:
        verbose_name = _("davet")
        verbose_name_plural = _("davetler")
        ordering = ["meeting", "name_search", "id"]
        indexes = [models.Index(fields=["office", "email"])]

    def __str__(self) -> str:
        return self.full_name

    @property
    def present(self) -> bool:
        return self.checked_in_at is not None

    def refresh_derived(self) -> list[str]:
        self.email = normalise_email(self.email)
        self.name_search = search_key(f"{self.full_name} {self.organisation_name}")[:400]
        return ["email", "name_search"]


class MinutesStatus(models.TextChoices):
    DRAFT = "draft", _("taslak")
    CIRCULATED = "circulated", _("katılımcıların görüşünde")
    APPROVED = "approved", _("onaylı")
    PUBLISHED = "published", _("yayımlandı")


LOCKED_MINUTES = (MinutesStatus.APPROVED, MinutesStatus.PUBLISHED)


class Minutes(OfficeOwned, TimeStamped, Versioned):
    """One version of a meeting's minutes. Version 1 is the original; a correction of
    approved minutes is version n+1 with its reason, which replaces the earlier one
    when approved. Approved and published versions never change (services refuse)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="minutes")
    number = models.PositiveIntegerField(_("tutanak sürümü"), default=1, editable=False)
    status = models.CharField(
        _("durum"), max_length=12, choices=MinutesStatus.choices, default=MinutesStatus.DRAFT
    )
    opening = models.TextField(
        _("açılış ve yoklama"), blank=True, help_text=_("Toplantının açılışı, yeter sayı.")
    )
    discussion = models.TextField(
        _("görüşmeler"),
        blank=True,
        help_text=_("Gündem maddelerinin görüşülmesi; paragrafları boş satırla ayırın."),
    )
    closing = models.TextField(_("kapanış"), blank=True)
    correction_reason = models.TextField(_("düzeltme nedeni"), blank=True)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("düzelttiği sürüm"),
    )
    circulated_at = models.DateTimeField(_("görüşe açıldı"), null=True, blank=True)
    comments_close_on = models.DateField(_("görüş son günü"), null=True, blank=True)
    approved_at = models.DateTimeField(_("onaylanma zamanı"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    published_at = models.DateTimeField(_("yayımlandı"), null=True, blank=True)

    class Meta:
        verbose_name = _("tutanak")
        verbose_name_plural = _("tutanaklar")
        ordering = ["meeting", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["meeting", "number"], name="boards_minutes_number")
        ]

    def __str__(self) -> str:
        return f"{self.meeting} — {self.number}"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(status=MinutesStatus.PUBLISHED, meeting__body__visibility=Visibility.PUBLIC)

    @property
    def is_locked(self) -> bool:
        return self.status in LOCKED_MINUTES


class MinutesComment(OfficeOwned, TimeStamped):
    """An attendee's comment on circulated minutes, sent through their invitation link."""

    minutes = models.ForeignKey(Minutes, on_delete=models.CASCADE, related_name="comments")
    invitation = models.ForeignKey(
        Invitation, on_delete=models.CASCADE, related_name="minutes_comments"
    )
    text = models.TextField(_("görüş"))
    answer = models.TextField(_("sekretaryanın yanıtı"), blank=True)
    answered_at = models.DateTimeField(_("yanıtlandı"), null=True, blank=True)

    class Meta:
        verbose_name = _("tutanak görüşü")
        verbose_name_plural = _("tutanak görüşleri")
        ordering = ["minutes", "created_at", "id"]

    def __str__(self) -> str:
        return f"{self.invitation}: {self.text[:40]}"
