"""Every write of news: drafting, the publication cycle, photos and attachments (audited)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

import nh3
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from kopru.core.audit import audit_log
from kopru.core.errors import ApplicationError
from kopru.core.images import check_pdf_upload, image_delete, image_upload, images_check_publishable
from kopru.core.models import StoredImage
from kopru.core.registry import DigestTopic, registry
from kopru.core.scoping import unscoped_manager
from kopru.core.services import model_create, model_update
from kopru.core.text import normalise_email, search_key

from . import emails
from .models import (
    DigestFrequency,
    DigestSubscription,
    NewsAttachment,
    NewsImage,
    NewsItem,
    NewsStatus,
)

#: What the rich-text editor may produce; everything else is removed on the server.
BODY_TAGS = {"p", "br", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "ul", "ol", "li"}
BODY_TAGS |= {"a", "blockquote", "hr"}
BODY_ATTRIBUTES = {"a": {"href", "title"}}
EDITABLE = (
    "title_tr",
    "title_en",
    "summary_tr",
    "summary_en",
    "body_tr",
    "body_en",
    "category",
    "tags",
    "expire_at",
)


def clean_body(html: str) -> str:
    """Rich text reduced to the tags above: no script, style, event handler or frame."""
    if not html:
        return ""
    cleaned = nh3.clean(
        html,
        tags=BODY_TAGS,
        attributes=BODY_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
        strip_comments=True,
    ).strip()
    return "" if cleaned in ("<p></p>", "<p><br></p>", "<br>") else cleaned


def clean_tags(tags: Iterable[str] | str) -> list[str]:
    """Tags as typed (trimmed), once each whatever the case or diacritics, at most 10."""
    if isinstance(tags, str):
        tags = tags.split(",")
    seen: set[str] = set()
    result = []
    for tag in tags:
        tag = " ".join(str(tag).split())[:40]
        key = search_key(tag)
        if tag and key not in seen:
            seen.add(key)
            result.append(tag)
    return result[:10]


def _prepared(data: Mapping[str, Any]) -> dict[str, Any]:
    clean = {k: v for k, v in data.items() if k in EDITABLE}
    for field in ("body_tr", "body_en"):
        if field in clean:
            clean[field] = clean_body(clean[field] or "")
    if "tags" in clean:
        clean["tags"] = clean_tags(clean["tags"] or [])
    return clean


def news_create(*, actor: Any, office: Any, data: Mapping[str, Any]) -> NewsItem:
    values = _prepared(data)
    values.update(office=office, status=NewsStatus.DRAFT)
    if getattr(actor, "is_authenticated", False):
        values["created_by"] = actor
    return model_create(model=NewsItem, data=values, actor=actor, action="news.newsitem.created")


def news_update(
    *, actor: Any, news: NewsItem, data: Mapping[str, Any], expected_version: int | None = None
) -> NewsItem:
    values = _prepared(data)
    if news.status in (NewsStatus.SCHEDULED, NewsStatus.PUBLISHED):
        _check_window(news.publish_at, values.get("expire_at", news.expire_at))
    updated, _changes = model_update(
        instance=news, data=values, actor=actor, expected_version=expected_version
    )
    return updated


def _check_window(publish_at: dt.datetime | None, expire_at: dt.datetime | None) -> None:
    if publish_at is not None and expire_at is not None and expire_at <= publish_at:
        raise ApplicationError(_("Yayından kalkma zamanı yayın zamanından sonra olmalı."))


def news_images(news: NewsItem) -> list[StoredImage]:
    """The cover and the gallery's photos of ``news``."""
    gallery = unscoped_manager(NewsImage, reason="the photos of a news item already fetched")
    images = [row.image for row in gallery.filter(news=news).select_related("image")]
    return ([news.cover] if news.cover is not None else []) + images


def news_publish(
    *,
    actor: Any,
    news: NewsItem,
    publish_at: dt.datetime | None = None,
    expire_at: dt.datetime | None = None,
) -> NewsItem:
    """Publish now, or schedule for ``publish_at``; the public sees it from that moment."""
    if news.status == NewsStatus.ARCHIVED:
        raise ApplicationError(_("Arşivlenmiş haber yeniden yayımlanamaz; taslağa alın."))
    if not news.title_tr.strip() or not news.summary_tr.strip():
        raise ApplicationError(_("Yayımlamadan önce Türkçe başlığı ve özeti yazın."))
    images_check_publishable(news_images(news))
    now = timezone.now()
    moment = publish_at or now
    if expire_at is None:
        expire_at = news.expire_at
    _check_window(moment, expire_at)
    if expire_at is not None and expire_at <= now:
        raise ApplicationError(_("Yayından kalkma zamanı geçmiş."))
    status = NewsStatus.SCHEDULED if moment > now else NewsStatus.PUBLISHED
    updated, _changes = model_update(
        instance=news,
        data={"status": status, "publish_at": moment, "expire_at": expire_at},
        actor=actor,
        action=f"news.newsitem.{status}",
    )
    return updated


def news_unpublish(*, actor: Any, news: NewsItem) -> NewsItem:
    """Back to draft (taken off the public pages at once)."""
    updated, _changes = model_update(
        instance=news,
        data={"status": NewsStatus.DRAFT, "featured": False},
        actor=actor,
        action="news.newsitem.unpublished",
    )
    return updated


def news_archive(*, actor: Any, news: NewsItem) -> NewsItem:
    updated, _changes = model_update(
        instance=news,
        data={"status": NewsStatus.ARCHIVED, "featured": False},
        actor=actor,
        action="news.newsitem.archived",
    )
    return updated


def news_set_featured(*, actor: Any, news: NewsItem, featured: bool) -> NewsItem:
    if featured and news.status not in (NewsStatus.SCHEDULED, NewsStatus.PUBLISHED):
        raise ApplicationError(_("Yalnızca yayımlanan ya da zamanlanan haber öne çıkarılabilir."))
    updated, _changes = model_update(
        instance=news,
        data={"featured": featured},
        actor=actor,
        action="news.newsitem.featured" if featured else "news.newsitem.unfeatured",
    )
    return updated


def news_publish_due(*, now: dt.datetime | None = None) -> int:
    """Scheduled items whose time has come become *published* (the scheduler's tidy-up;
    the public pages already show them from their time, see ``NewsItem.public_q``)."""
    moment = now or timezone.now()
    manager = unscoped_manager(NewsItem, reason="the scheduler publishes due items of every office")
    due = list(manager.filter(status=NewsStatus.SCHEDULED, publish_at__lte=moment))
    for news in due:
        model_update(
            instance=news,
            data={"status": NewsStatus.PUBLISHED},
            actor="scheduler",
            action="news.newsitem.published",
        )
    return len(due)


# --- photos -----------------------------------------------------------------------------


def news_image_add(*, actor: Any, news: NewsItem, role: str, **upload: Any) -> StoredImage:
    """Upload a photo as the cover (replacing the former one) or into the gallery."""
    if role not in ("cover", "gallery"):
        raise ApplicationError(_("Bilinmeyen fotoğraf yeri."))
    with transaction.atomic():
        image = image_upload(actor=actor, office=news.office_id, **upload)
        if role == "cover":
            former = news.cover
            model_update(
                instance=news, data={"cover": image}, actor=actor, action="news.newsitem.cover"
            )
            if former is not None and not _in_gallery(news, former):
                image_delete(actor=actor, image=former)
        else:
            rows = unscoped_manager(NewsImage, reason="the gallery of a news item already fetched")
            last = rows.filter(news=news).aggregate(m=Max("position"))["m"] or 0
            rows.create(office_id=news.office_id, news=news, image=image, position=last + 1)
            audit_log(
                actor=actor,
                action="news.newsitem.photo_added",
                obj=news,
                data={"image": image.pk},
            )
    return image


def _in_gallery(news: NewsItem, image: StoredImage) -> bool:
    rows = unscoped_manager(NewsImage, reason="the gallery of a news item already fetched")
    return rows.filter(news=news, image=image).exists()


def news_image_remove(*, actor: Any, news: NewsItem, image: StoredImage) -> None:
    with transaction.atomic():
        if news.cover_id == image.pk:
            model_update(
                instance=news, data={"cover": None}, actor=actor, action="news.newsitem.cover"
            )
        rows = unscoped_manager(NewsImage, reason="the gallery of a news item already fetched")
        rows.filter(news=news, image=image).delete()
        audit_log(
            actor=actor, action="news.newsitem.photo_removed", obj=news, data={"image": image.pk}
        )
        image_delete(actor=actor, image=image)


# --- attachments ------------------------------------------------------------------------


def news_attachment_add(*, actor: Any, news: NewsItem, title: str, file: Any) -> NewsAttachment:
    try:
        check_pdf_upload(file)
    except ValidationError as exc:
        raise ApplicationError(" ".join(exc.messages)) from None
    if not title.strip():
        raise ApplicationError(_("Belgenin adını yazın."))
    with transaction.atomic():
        attachment = NewsAttachment(
            office_id=news.office_id, news=news, title=title.strip(), size=file.size or 0
        )
        attachment.file.save("belge.pdf", file, save=False)
        attachment.save(force_insert=True)
        audit_log(
            actor=actor,
            action="news.newsitem.attachment_added",
            obj=news,
            data={"attachment": attachment.pk, "title": attachment.title},
        )
    return attachment


def news_attachment_remove(*, actor: Any, attachment: NewsAttachment) -> None:
    name = attachment.file.name
    with transaction.atomic():
        audit_log(
            actor=actor,
            action="news.newsitem.attachment_removed",
            obj=attachment.news,
            data={"attachment": attachment.pk, "title": attachment.title},
        )
        attachment.delete()
        storage = attachment.file.storage
        transaction.on_commit(lambda: storage.delete(name))


# --- the public digest ------------------------------------------------------------------

DIGEST_PERIODS = {DigestFrequency.WEEKLY: 7, DigestFrequency.MONTHLY: 30}


def digest_topics() -> list[DigestTopic]:
    return registry.of(DigestTopic)


def digest_subscribe(
    *,
    office: Any,
    email: str,
    topics: list[str],
    frequency: str,
    language: str,
    consent_text: str,
) -> DigestSubscription:
    """Record the request and the consent, and send the confirmation (double opt-in).

    The same address asking again replaces its earlier choice and must confirm again."""
    known = {t.key for t in digest_topics()}
    chosen = [t for t in topics if t in known]
    if not chosen:
        raise ApplicationError(_("En az bir konu seçin."))
    if frequency not in DigestFrequency.values:
        raise ApplicationError(_("Bilinmeyen sıklık."))
    address = normalise_email(email)
    rows = unscoped_manager(DigestSubscription, reason="the office's subscriber, by address")
    now = timezone.now()
    with transaction.atomic():
        sub = rows.filter(office=office, email=address).first() or DigestSubscription(
            office=office, email=address
        )
        sub.topics = chosen
        sub.frequency = frequency
        sub.language = language if language in ("tr", "en") else "tr"
        sub.consent_text = consent_text
        sub.consent_at = now
        sub.confirmed_at = None
        sub.unsubscribed_at = None
        sub.last_sent_at = now
        sub.save()
        audit_log(
            actor=None,
            action="news.digest.requested",
            obj=sub,
            data={"topics": chosen, "frequency": frequency, "consent_at": now},
        )
        transaction.on_commit(lambda: emails.send_confirmation(sub))
    return sub


@transaction.atomic
def digest_confirm(*, subscription: DigestSubscription) -> DigestSubscription:
    if not subscription.active:
        subscription.confirmed_at = timezone.now()
        subscription.unsubscribed_at = None
        subscription.last_sent_at = timezone.now()
        subscription.save(update_fields=["confirmed_at", "unsubscribed_at", "last_sent_at"])
        audit_log(actor=None, action="news.digest.confirmed", obj=subscription)
    return subscription


@transaction.atomic
def digest_unsubscribe(*, subscription: DigestSubscription) -> DigestSubscription:
    if not subscription.unsubscribed_at:
        subscription.unsubscribed_at = timezone.now()
        subscription.save(update_fields=["unsubscribed_at"])
        audit_log(actor=None, action="news.digest.unsubscribed", obj=subscription)
    return subscription


@transaction.atomic
def digest_erase(*, email: str, actor: Any) -> int:
    """A KVKK erasure: the subscriptions of ``email`` in the active scope lose the address
    and end; the rows stay (topics, frequency, dates) so the figures stay right."""
    key = normalise_email(email)
    if not key:
        return 0
    now = timezone.now()
    count = 0
    for sub in DigestSubscription.objects.filter(email=key):
        sub.email = ""
        sub.unsubscribed_at = sub.unsubscribed_at or now
        sub.save(update_fields=["email", "unsubscribed_at", "updated_at"])
        audit_log(actor=actor, action="news.digest.erased", obj=sub)
        count += 1
    return count


def digest_sections(sub: DigestSubscription, since: dt.datetime) -> list[dict[str, Any]]:
    sections = []
    with translation.override(sub.language):
        for topic in digest_topics():
            if topic.key not in sub.topics:
                continue
            items = topic.items(sub.office, since, sub.language)
            if items:
                sections.append({"key": topic.key, "label": str(topic.label), "items": items})
    return sections


def digests_send_due(*, now: dt.datetime | None = None) -> dict[str, int]:
    """One e-mail per confirmed subscriber whose week or month has passed, with what is new
    since the last one in the topics chosen; nothing new, nothing sent (the period restarts)."""
    moment = now or timezone.now()
    rows = unscoped_manager(DigestSubscription, reason="the scheduler sends every office's digests")
    sent = skipped = 0
    for frequency, days in DIGEST_PERIODS.items():
        due = rows.filter(
            frequency=frequency,
            confirmed_at__isnull=False,
            unsubscribed_at__isnull=True,
            last_sent_at__lte=moment - dt.timedelta(days=days),
        ).select_related("office")
        for sub in due:
            since = sub.last_sent_at or sub.confirmed_at or moment
            sections = digest_sections(sub, since)
            if sections:
                emails.send_digest(sub, sections)
                sent += 1
            else:
                skipped += 1
            rows.filter(pk=sub.pk).update(last_sent_at=moment)
    return {"sent": sent, "nothing_new": skipped}
