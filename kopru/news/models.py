"""News and announcements of an office: bilingual, scheduled, with photos and PDFs.

Visibility is worked out from the clock *in the query* (``public_q`` compares
``publish_at`` and ``expire_at`` with the database's ``NOW()``), so a scheduled item
appears at its time in every process, whether or not the periodic task has already
moved its status from *scheduled* to *published*.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kopru.core.i18n import localized
from kopru.core.images import validate_pdf
from kopru.core.models import OfficeOwned, StoredImage, TimeStamped, Versioned
from kopru.core.subscriptions import new_token
from kopru.core.text import search_key


def live_q(now: Any = None, prefix: str = "") -> models.Q:
    moment = now if now is not None else Now()
    return models.Q(
        **{f"{prefix}status__in": LIVE_STATUSES, f"{prefix}publish_at__lte": moment}
    ) & (
        models.Q(**{f"{prefix}expire_at__isnull": True})
        | models.Q(**{f"{prefix}expire_at__gt": moment})
    )


class Category(models.TextChoices):
    NEWS = "news", _("Haber")
    ANNOUNCEMENT = "announcement", _("Duyuru")
    EVENT_REPORT = "event_report", _("Etkinlik haberi")
    EU_AWARENESS = "eu_awareness", _("AB farkındalığı")


#: The category's address in public URLs and feeds (Turkish, like the other paths).
CATEGORY_SLUGS = {
    Category.NEWS: "haber",
    Category.ANNOUNCEMENT: "duyuru",
    Category.EVENT_REPORT: "etkinlik",
    Category.EU_AWARENESS: "ab-farkindaligi",
}
SLUG_CATEGORIES = {slug: cat for cat, slug in CATEGORY_SLUGS.items()}


class NewsStatus(models.TextChoices):
    DRAFT = "draft", _("taslak")
    SCHEDULED = "scheduled", _("zamanlandı")
    PUBLISHED = "published", _("yayında")
    ARCHIVED = "archived", _("arşivlendi")


LIVE_STATUSES = (NewsStatus.SCHEDULED, NewsStatus.PUBLISHED)


class NewsItem(OfficeOwned, Versioned, TimeStamped):
    title_tr = models.CharField(_("başlık (Türkçe)"), max_length=200)
    title_en = models.CharField(_("başlık (İngilizce)"), max_length=200, blank=True)
    summary_tr = models.TextField(_("özet (Türkçe)"), max_length=500)
    summary_en = models.TextField(_("özet (İngilizce)"), max_length=500, blank=True)
    body_tr = models.TextField(_("metin (Türkçe)"), blank=True)
    body_en = models.TextField(_("metin (İngilizce)"), blank=True)
    category = models.CharField(
        _("kategori"), max_length=20, choices=Category.choices, default=Category.NEWS
    )
    tags = models.JSONField(_("etiketler"), default=list, blank=True)
    tags_key = models.CharField(max_length=500, blank=True, editable=False)  # "|avrupa gunu|"
    status = models.CharField(
        _("durum"), max_length=12, choices=NewsStatus.choices, default=NewsStatus.DRAFT
    )
    publish_at = models.DateTimeField(_("yayın zamanı"), null=True, blank=True)
    expire_at = models.DateTimeField(
        _("yayından kalkma zamanı"),
        null=True,
        blank=True,
        help_text=_("Boş bırakılırsa haber arşivlenene kadar yayında kalır."),
    )
    featured = models.BooleanField(_("öne çıkan"), default=False)
    cover = models.ForeignKey(
        StoredImage,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("kapak fotoğrafı"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("yazan"),
    )

    class Meta:
        verbose_name = _("haber")
        verbose_name_plural = _("haberler")
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["office", "status", "-publish_at"], name="news_office_live"),
            models.Index(fields=["status", "publish_at"], name="news_status_time"),
        ]

    def __str__(self) -> str:
        return self.title_tr

    @classmethod
    def live_q(cls, now: Any = None, prefix: str = "") -> models.Q:
        """Published and within its time window at ``now`` (default: the database's clock)."""
        return live_q(now, prefix)

    @classmethod
    def public_q(cls) -> models.Q:
        return cls.live_q()

    def refresh_derived(self) -> list[str]:
        self.tags_key = "".join(f"|{search_key(t)}|" for t in self.tags or [])
        return ["tags_key"]

    @property
    def title(self) -> str:
        return localized(self, "title")

    @property
    def summary(self) -> str:
        return localized(self, "summary")

    @property
    def is_live(self) -> bool:
        now = timezone.now()
        return (
            self.status in LIVE_STATUSES
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def shown_status(self) -> str:
        """What the public sees now: a scheduled item past its time is published."""
        if self.status in LIVE_STATUSES and self.publish_at is not None:
            if self.expire_at is not None and self.expire_at <= timezone.now():
                return "expired"
            return NewsStatus.PUBLISHED if self.is_live else NewsStatus.SCHEDULED
        return self.status

    @property
    def category_slug(self) -> str:
        return CATEGORY_SLUGS[Category(self.category)]


class NewsImage(OfficeOwned):
    """A photo of a news item's gallery (the cover is ``NewsItem.cover``)."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="gallery")
    image = models.ForeignKey(StoredImage, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("galeri fotoğrafı")
        verbose_name_plural = _("galeri fotoğrafları")
        ordering = ["position", "id"]
        constraints = [models.UniqueConstraint(fields=["news", "image"], name="news_gallery_once")]

    def __str__(self) -> str:
        return str(self.image)

    @classmethod
    def public_q(cls) -> models.Q:
        return live_q(prefix="news__")


class NewsAttachment(OfficeOwned):
    """A PDF attached to a news item (checked to be a PDF; served by access-checked views)."""

    news = models.ForeignKey(NewsItem, on_delete=models.CASCADE, related_name="attachments")
    title = models.CharField(_("belge adı"), max_length=200)
    file = models.FileField(_("dosya"), upload_to="news/attachments/%Y/", validators=[validate_pdf])
    size = models.PositiveIntegerField(_("boyut"), default=0)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ek belge")
        verbose_name_plural = _("ek belgeler")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def public_q(cls) -> models.Q:
        return live_q(prefix="news__")


def digest_token() -> str:
    return new_token()


class DigestFrequency(models.TextChoices):
    WEEKLY = "weekly", _("Haftalık")
    MONTHLY = "monthly", _("Aylık")


class DigestSubscription(OfficeOwned, TimeStamped):
    """Someone who gets the office's digest e-mail: chosen topics, weekly or monthly, in
    their language. Double opt-in (nothing is sent before ``confirmed_at``), the consent
    text and time recorded, one-click unsubscribe (see ``kopru.core.subscriptions``)."""

    email = models.EmailField(_("e-posta"))
    language = models.CharField(_("dil"), max_length=5, default="tr")
    topics = models.JSONField(_("konular"), default=list)
    frequency = models.CharField(
        _("sıklık"), max_length=10, choices=DigestFrequency.choices, default=DigestFrequency.MONTHLY
    )
    token = models.CharField(max_length=64, unique=True, default=digest_token, editable=False)
    consent_text = models.TextField(_("açık rıza metni"))
    consent_at = models.DateTimeField(_("rıza zamanı"))
    confirmed_at = models.DateTimeField(_("onaylandı"), null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)
    last_sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("bülten aboneliği")
        verbose_name_plural = _("bülten abonelikleri")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["office", "email"], name="news_digest_email")]

    def __str__(self) -> str:
        return self.email

    @property
    def active(self) -> bool:
        return bool(self.confirmed_at and not self.unsubscribed_at)
