"""Partner search: an organisation's post (seeking or offering partnership), the answers
other organisations send through the platform, and the messages of each answer's thread.

Nobody sees the other side's e-mail address: the responder's address is stored on the
answer for notifications and is shown to the office's staff only.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kopru.core.i18n import localized
from kopru.core.models import OfficeOwned, TimeStamped, Versioned
from kopru.core.text import normalise_email, search_key, sort_key
from kopru.organisations.models import OrganisationType

from .countries import country_label


class PostKind(models.TextChoices):
    SEEKING = "seeking", _("Ortak aranıyor")
    OFFERING = "offering", _("Ortaklık teklifi")


class PostStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("partner search", "açık")
    CLOSED = "closed", pgettext_lazy("partner search", "kapatıldı")


class PostState(models.TextChoices):
    """What a reader sees: open, expired (open but past its date) or closed."""

    OPEN = "open", pgettext_lazy("partner search", "açık")
    EXPIRED = "expired", pgettext_lazy("partner search", "süresi doldu")
    CLOSED = "closed", pgettext_lazy("partner search", "kapatıldı")


def _index(values: list[str]) -> str:
    """``|DE|FR|``: a list a plain ``contains`` lookup can filter on any database."""
    return "|" + "|".join(values) + "|" if values else ""


class PartnerSearch(OfficeOwned, TimeStamped, Versioned):
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="partner_searches",
        verbose_name=_("ilan sahibi kurum"),
    )
    kind = models.CharField(_("ilan türü"), max_length=10, choices=PostKind.choices)
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=200, blank=True)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=200, blank=True)
    description_tr = models.TextField(_("açıklama (Türkçe)"), blank=True)
    description_en = models.TextField(_("açıklama (İngilizce)"), blank=True)
    call = models.ForeignKey(
        "calls.Call",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("çağrı"),
    )
    programme = models.CharField(
        _("program / konu"),
        max_length=200,
        blank=True,
        help_text=_("Ör. Erasmus+ KA2, Ufuk Avrupa, Interreg IPA, gençlik değişimi."),
    )
    countries = models.JSONField(_("aranan ülkeler"), default=list, blank=True)
    organisation_types = models.JSONField(_("aranan kurum türleri"), default=list, blank=True)
    expires_on = models.DateField(_("son geçerlilik tarihi"))
    status = models.CharField(
        _("durum"), max_length=10, choices=PostStatus.choices, default=PostStatus.OPEN
    )
    closed_at = models.DateTimeField(_("kapatılma"), null=True, blank=True, editable=False)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kapatan"),
        editable=False,
    )
    closed_by_staff = models.BooleanField(
        _("ofis tarafından kapatıldı"), default=False, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("oluşturan"),
        editable=False,
    )
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)
    title_sort = models.CharField(max_length=400, blank=True, editable=False)
    search_document = models.TextField(blank=True, editable=False)
    countries_index = models.CharField(max_length=600, blank=True, editable=False)
    types_index = models.CharField(max_length=400, blank=True, editable=False)

    class Meta:
        verbose_name = _("ortak arama ilanı")
        verbose_name_plural = _("ortak arama ilanları")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["office", "status", "expires_on"]),
            models.Index(fields=["office", "organisation", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.title_tr or self.title_en or f"#{self.pk}"

    @classmethod
    def public_q(cls) -> models.Q:
        return models.Q(status=PostStatus.OPEN, expires_on__gte=timezone.localdate())

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def description(self) -> str:
        return localized(self, "description")

    def state(self, today: dt.date | None = None) -> str:
        if self.status == PostStatus.CLOSED:
            return PostState.CLOSED.value
        if self.expires_on < (today or timezone.localdate()):
            return PostState.EXPIRED.value
        return PostState.OPEN.value

    @property
    def current_state(self) -> str:
        return self.state()

    @property
    def state_label(self) -> str:
        return str(PostState(self.state()).label)

    @property
    def accepts_answers(self) -> bool:
        return self.state() == PostState.OPEN

    @property
    def public_call(self) -> object | None:
        """The linked call, when it is published (a draft is the office's business)."""
        call = self.call
        return call if call is not None and call.state == "published" else None

    def country_labels(self) -> list[str]:
        return [country_label(c) for c in self.countries]

    def organisation_type_labels(self) -> list[str]:
        labels = dict(OrganisationType.choices)
        return [str(labels.get(t, t)) for t in self.organisation_types]

    def refresh_derived(self) -> list[str]:
        call = self.call
        call_text = f"{call.title_tr} {call.title_en} {call.call_identifier}" if call else ""
        organisation = self.organisation
        self.title_sort = sort_key(self.title_tr or self.title_en)
        self.search_document = search_key(
            " ".join(
                [
                    self.title_tr,
                    self.title_en,
                    self.description_tr,
                    self.description_en,
                    self.programme,
                    organisation.name,
                    organisation.short_name,
                    call_text,
                ]
            )
        )
        self.countries_index = _index(list(self.countries))
        self.types_index = _index(list(self.organisation_types))
        return ["title_sort", "search_document", "countries_index", "types_index"]


def new_token_nonce() -> str:
    return secrets.token_urlsafe(16)


class Side(models.TextChoices):
    POSTER = "poster", _("ilan sahibi")
    RESPONDER = "responder", _("yanıt veren")


class Answer(OfficeOwned, TimeStamped):
    """One organisation's (or person's) answer to a post; its messages form the thread."""

    post = models.ForeignKey(
        PartnerSearch, on_delete=models.CASCADE, related_name="answers", verbose_name=_("ilan")
    )
    responder_name = models.CharField(_("ad soyad"), max_length=150, blank=True)
    organisation_name = models.CharField(_("kurum / kuruluş"), max_length=250, blank=True)
    organisation_type = models.CharField(
        _("kurum türü"), max_length=30, choices=OrganisationType.choices, blank=True
    )
    country = models.CharField(_("ülke"), max_length=2, blank=True)
    responder_organisation = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yanıt veren kurum (kayıtlı)"),
    )
    responder_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yanıt veren hesap"),
    )
    email = models.EmailField(_("e-posta"), blank=True)
    email_key = models.CharField(max_length=254, blank=True, editable=False, db_index=True)
    language = models.CharField(_("yazışma dili"), max_length=2, default="tr")
    consent_text = models.TextField(_("onay metni"), blank=True)
    consent_at = models.DateTimeField(_("onay zamanı"), null=True, blank=True)
    token_nonce = models.CharField(max_length=40, default=new_token_nonce, editable=False)
    last_message_at = models.DateTimeField(_("son ileti"), null=True, blank=True)
    last_side = models.CharField(max_length=10, choices=Side.choices, blank=True)
    poster_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    responder_seen_at = models.DateTimeField(null=True, blank=True, editable=False)
    erased_at = models.DateTimeField(_("kişisel veri silindi"), null=True, blank=True)
    is_demo = models.BooleanField(_("tanıtım verisi"), default=False, editable=False)

    class Meta:
        verbose_name = _("ortak arama yanıtı")
        verbose_name_plural = _("ortak arama yanıtları")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["post", "-created_at"])]

    def __str__(self) -> str:
        who = self.organisation_name or self.responder_name or str(_("(silinmiş kişi)"))
        return f"{who} → {self.post}"

    def refresh_derived(self) -> list[str]:
        self.email_key = normalise_email(self.email)
        return ["email_key"]

    @property
    def country_name(self) -> str:
        return country_label(self.country) if self.country else ""

    @property
    def unread_for_poster(self) -> bool:
        return self.last_side == Side.RESPONDER and (
            self.poster_seen_at is None
            or (self.last_message_at is not None and self.poster_seen_at < self.last_message_at)
        )

    @property
    def unread_for_responder(self) -> bool:
        return self.last_side == Side.POSTER and (
            self.responder_seen_at is None
            or (self.last_message_at is not None and self.responder_seen_at < self.last_message_at)
        )


class AnswerMessage(OfficeOwned):
    answer = models.ForeignKey(
        Answer,
        on_delete=models.CASCADE,
        related_name="messages",
        verbose_name=_("ortak arama yanıtı"),
    )
    side = models.CharField(_("yazan taraf"), max_length=10, choices=Side.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yazan hesap"),
    )
    body = models.TextField(_("ileti"), blank=True)
    created_at = models.DateTimeField(_("gönderilme"), default=timezone.now)

    class Meta:
        verbose_name = _("yanıt iletisi")
        verbose_name_plural = _("yanıt iletileri")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.answer_id}: {self.get_side_display()} {self.created_at:%Y-%m-%d %H:%M}"
