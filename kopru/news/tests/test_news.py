"""News: the publication cycle, time-derived visibility, clean HTML, photos, feeds, API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from kopru.core.errors import ApplicationError
from kopru.core.images import image_process, image_update
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope, public_scope
from kopru.core.tests.imagefiles import jpeg_bytes, pdf_bytes, upload, uploaded_image
from kopru.news import selectors, services
from kopru.news.models import Category, NewsItem, NewsStatus

from .factories import NewsItemFactory

pytestmark = pytest.mark.django_db

NOW = timezone.now


def _draft(office: Any, actor: Any, **data: Any) -> NewsItem:
    values = {
        "title_tr": "Avrupa Günü'nde gençlerle buluştuk",
        "summary_tr": "9 Mayıs'ta liselerde AB programları anlatıldı.",
        "body_tr": "<p>Metin</p>",
        "category": Category.EU_AWARENESS,
        "tags": "Avrupa Günü, gençlik",
        **data,
    }
    with office_scope(office):
        return services.news_create(actor=actor, office=office, data=values)


def _public_ids(office: Any) -> set[int]:
    with public_scope(office):
        return set(selectors.public_news(office).values_list("pk", flat=True))


def test_script_never_reaches_the_page(balikesir: Any, balikesir_expert: Any, client: Any) -> None:
    news = _draft(
        balikesir,
        balikesir_expert,
        body_tr=(
            '<p onclick="x()">Merhaba <script>alert(1)</script><a href="javascript:alert(1)">a</a>'
            '<img src=x onerror=alert(1)><iframe src="//e.vil"></iframe><style>*{}</style>'
            '<a href="https://ab.gov.tr">AB</a></p>'
        ),
    )
    assert "script" not in news.body_tr and "onclick" not in news.body_tr
    assert "javascript" not in news.body_tr and "iframe" not in news.body_tr
    assert "<img" not in news.body_tr and "style" not in news.body_tr
    assert 'href="https://ab.gov.tr"' in news.body_tr
    services.news_publish(actor=balikesir_expert, news=news)
    page = client.get(reverse("public:news:detail", args=["balikesir", news.pk]))
    assert page.status_code == 200 and b"alert(1)" not in page.content


def test_scheduled_item_appears_at_its_time_from_the_query(
    balikesir: Any, balikesir_expert: Any
) -> None:
    news = _draft(balikesir, balikesir_expert)
    when = NOW() + dt.timedelta(hours=2)
    news = services.news_publish(actor=balikesir_expert, news=news, publish_at=when)
    assert news.status == NewsStatus.SCHEDULED
    assert news.pk not in _public_ids(balikesir)
    # The status stays "scheduled" (no task ran); the time alone decides.
    NewsItem._base_manager.filter(pk=news.pk).update(publish_at=NOW() - dt.timedelta(seconds=1))
    assert news.pk in _public_ids(balikesir)
    news.refresh_from_db()
    assert news.status == NewsStatus.SCHEDULED
    assert services.news_publish_due() == 1
    news.refresh_from_db()
    assert news.status == NewsStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="news.newsitem.published", object_id=str(news.pk))


def test_expiry_and_archive_hide_an_item(balikesir: Any, balikesir_expert: Any) -> None:
    news = _draft(balikesir, balikesir_expert)
    with pytest.raises(ApplicationError):
        services.news_publish(
            actor=balikesir_expert, news=news, expire_at=NOW() - dt.timedelta(minutes=1)
        )
    news = services.news_publish(
        actor=balikesir_expert, news=news, expire_at=NOW() + dt.timedelta(days=1)
    )
    assert news.pk in _public_ids(balikesir)
    NewsItem._base_manager.filter(pk=news.pk).update(expire_at=NOW() - dt.timedelta(seconds=1))
    assert news.pk not in _public_ids(balikesir)
    news.refresh_from_db()
    news = services.news_archive(actor=balikesir_expert, news=news)
    assert news.status == NewsStatus.ARCHIVED
    with pytest.raises(ApplicationError):
        services.news_publish(actor=balikesir_expert, news=news)
    actions = set(
        AuditEntry.objects.filter(object_id=str(news.pk)).values_list("action", flat=True)
    )
    assert {"news.newsitem.created", "news.newsitem.published", "news.newsitem.archived"} <= actions


def test_a_photo_with_people_blocks_publishing_until_consent(
    balikesir: Any, balikesir_expert: Any
) -> None:
    news = _draft(balikesir, balikesir_expert)
    with office_scope(balikesir):
        image = services.news_image_add(
            actor=balikesir_expert,
            news=news,
            role="cover",
            file=upload(jpeg_bytes()),
            alt_tr="Öğrenciler sahnede",
            has_people=True,
        )
    image_process(image.pk)
    news.refresh_from_db()
    with pytest.raises(ApplicationError, match="rıza"):
        services.news_publish(actor=balikesir_expert, news=news)
    image.refresh_from_db()
    image_update(
        actor=balikesir_expert,
        image=image,
        data={"people_consent": True, "consent_note": "Veli izin formları, dosya 14"},
    )
    news.refresh_from_db()
    assert services.news_publish(actor=balikesir_expert, news=news).status == "published"


def test_pages_feeds_and_photos(balikesir: Any, izmir: Any, client: Any) -> None:
    live = NewsItemFactory(office=balikesir, title_tr="Erasmus+ bilgi günü", tags=["gençlik"])
    live.refresh_derived()
    NewsItem._base_manager.filter(pk=live.pk).update(tags_key=live.tags_key)
    cover = uploaded_image(balikesir, alt_tr="Bilgi gününde salon")
    NewsItem._base_manager.filter(pk=live.pk).update(cover=cover)
    draft = NewsItemFactory(office=balikesir, status=NewsStatus.DRAFT, title_tr="Gizli taslak")
    future = NewsItemFactory(
        office=balikesir,
        status=NewsStatus.SCHEDULED,
        publish_at=NOW() + dt.timedelta(days=1),
        title_tr="Yarın çıkacak",
    )
    other = NewsItemFactory(office=izmir, title_tr="İzmir haberi")
    page = client.get("/balikesir/haberler/").content.decode()
    assert "Erasmus+ bilgi günü" in page
    assert "Gizli taslak" not in page and "Yarın çıkacak" not in page and "İzmir" not in page
    assert 'width="960"' in page  # the cover's card size with its dimensions
    for hidden in (draft, future, other):
        assert client.get(f"/balikesir/haberler/{hidden.pk}/").status_code == 404
    detail = client.get(f"/balikesir/haberler/{live.pk}/").content.decode()
    assert 'property="og:title"' in detail and "large.jpg" in detail
    photo = client.get(f"/balikesir/haberler/{live.pk}/gorsel/{cover.pk}/card.webp")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/webp"
    assert (
        client.get(f"/balikesir/haberler/{draft.pk}/gorsel/{cover.pk}/card.webp").status_code == 404
    )
    assert client.get("/balikesir/haberler/?kategori=ab-farkindaligi").status_code == 200
    assert client.get("/balikesir/haberler/?kategori=yok").status_code == 400
    assert "Erasmus+" in client.get("/balikesir/haberler/?etiket=Gençlik").content.decode()
    assert "Erasmus+" not in client.get("/balikesir/haberler/?etiket=spor").content.decode()
    rss = client.get("/balikesir/haberler/rss/").content.decode()
    assert "Erasmus+ bilgi günü" in rss and "Gizli taslak" not in rss
    atom = client.get("/balikesir/haberler/atom/ab-farkindaligi/")
    assert atom.status_code == 200 and b"<feed" in atom.content
    assert client.get("/balikesir/haberler/rss/yok/").status_code == 404
    assert client.get("/en/balikesir/haberler/").status_code == 200


def test_attachments_must_be_pdfs(balikesir: Any, balikesir_expert: Any, client: Any) -> None:
    news = _draft(balikesir, balikesir_expert)
    with pytest.raises(ApplicationError, match="PDF"):
        services.news_attachment_add(
            actor=balikesir_expert, news=news, title="Program", file=upload(b"<html>", "a.pdf")
        )
    att = services.news_attachment_add(
        actor=balikesir_expert,
        news=news,
        title="Program",
        file=upload(pdf_bytes(), "program.pdf", "application/pdf"),
    )
    url = f"/balikesir/haberler/{news.pk}/ek/{att.pk}/"
    assert client.get(url).status_code == 404  # a draft's attachment stays private
    services.news_publish(actor=balikesir_expert, news=news)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"


def test_panel_cycle(client_for: Any, balikesir: Any, balikesir_expert: Any) -> None:
    client = client_for(balikesir_expert)
    response = client.post(
        "/balikesir/panel/haberler/yeni/",
        {
            "category": "announcement",
            "title_tr": "Hibe bilgilendirme toplantısı",
            "summary_tr": "Kalkınma ajansı destekleri anlatılacak.",
            "body_tr": "<p>Toplantı <b>Valilik</b> salonunda.</p><script>x</script>",
            "tags": "hibe, toplantı",
        },
    )
    assert response.status_code == 302
    with office_scope(balikesir):
        news = NewsItem.objects.get(title_tr="Hibe bilgilendirme toplantısı")
    assert news.body_tr == "<p>Toplantı <b>Valilik</b> salonunda.</p>"
    assert news.tags == ["hibe", "toplantı"]
    detail = f"/balikesir/panel/haberler/{news.pk}/"
    assert client.get(detail).status_code == 200
    assert client.get(f"{detail}duzenle/").status_code == 200
    when = (timezone.localtime() + dt.timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    client.post(f"{detail}yayimla/", {"publish_at": when})
    news.refresh_from_db()
    assert news.status == NewsStatus.SCHEDULED
    client.post(f"{detail}one-cikar/", {"featured": "1"})
    news.refresh_from_db()
    assert news.featured
    photo = client.post(
        f"{detail}fotograf/",
        {"role": "gallery", "alt_tr": "Salon", "file": upload(b"<svg/>", "x.jpg")},
    )
    assert photo.status_code == 302
    with office_scope(balikesir):
        assert not news.gallery.exists()
    client.post(f"{detail}arsivle/")
    news.refresh_from_db()
    assert news.status == NewsStatus.ARCHIVED and not news.featured
    assert client.get("/balikesir/panel/haberler/?durum=archived").status_code == 200
    assert client.get("/balikesir/panel/haberler/?durum=yok").status_code == 400


def test_api_shows_drafts_only_to_staff(client: Any, balikesir: Any, balikesir_expert: Any) -> None:
    live = NewsItemFactory(office=balikesir)
    draft = NewsItemFactory(office=balikesir, status=NewsStatus.DRAFT)
    ids = {row["id"] for row in client.get("/api/v1/news/").json()["results"]}
    assert live.pk in ids and draft.pk not in ids
    assert client.get(f"/api/v1/news/{draft.pk}/").status_code == 404
    assert client.get("/api/v1/news/?category=nope").status_code == 400
    client.force_login(balikesir_expert)
    ids = {row["id"] for row in client.get("/api/v1/news/").json()["results"]}
    assert draft.pk in ids
    assert "/api/v1/news/" in client.get("/api/v1/schema/?format=json").content.decode()


def test_home_shows_featured_news_first(client: Any, balikesir: Any) -> None:
    NewsItemFactory(office=balikesir, title_tr="Yeni ama sıradan")
    NewsItemFactory(
        office=balikesir,
        title_tr="Öne çıkan eski haber",
        featured=True,
        publish_at=NOW() - dt.timedelta(days=30),
    )
    page = client.get("/balikesir/").content.decode()
    assert page.index("Öne çıkan eski haber") < page.index("Yeni ama sıradan")
