"""A story's photos: checked by content, stripped and sized by kopru.core.images; a photo
with people blocks publication until their consent is recorded; files are served by the
stories' own views (public only for a published story)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from kopru.core.errors import ApplicationError
from kopru.core.images import image_process, image_update
from kopru.core.scoping import office_scope
from kopru.core.tests.imagefiles import jpeg_bytes, upload
from kopru.stories import services
from kopru.stories.models import StoryPhoto, StoryStatus
from kopru.stories.tests.factories import StoryFactory

pytestmark = pytest.mark.django_db


def _upload(**kw: Any) -> dict[str, Any]:
    return {"file": upload(jpeg_bytes(gps=True)), "alt_tr": "Atölyede kod yazan gençler", **kw}


def test_a_photo_with_people_needs_consent_to_publish(
    client: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    story = StoryFactory(office=balikesir, status=StoryStatus.DRAFT)
    with office_scope(balikesir):
        photo = services.story_photo_add(
            story=story, upload=_upload(has_people=True), actor=balikesir_expert
        )
        image_process(photo.image_id)
        photo.image.refresh_from_db()
        with pytest.raises(ApplicationError):
            services.story_publish(story=story, actor=balikesir_expert)
        image_update(
            actor=balikesir_expert,
            image=photo.image,
            data={"people_consent": True, "consent_note": "Veli izin formları, dosya 12"},
        )
        services.story_publish(story=story, actor=balikesir_expert)
    page = client.get(
        reverse("public:stories:detail", kwargs={"office_slug": balikesir.slug, "pk": story.pk})
    ).content.decode()
    assert "<picture>" in page and "Atölyede kod yazan gençler" in page
    url = reverse(
        "public:stories:photo_file",
        kwargs={
            "office_slug": balikesir.slug,
            "photo_pk": photo.pk,
            "rendition": "large.webp",
        },
    )
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/webp"
    assert b"Konak" not in b"".join(response.streaming_content)


def test_an_svg_named_jpg_is_refused_and_nothing_stored(
    balikesir: Any, balikesir_expert: Any
) -> None:
    story = StoryFactory(office=balikesir)
    svg = upload(b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>")
    with office_scope(balikesir):
        with pytest.raises(ApplicationError):
            services.story_photo_add(
                story=story, upload={"file": svg, "alt_tr": "x"}, actor=balikesir_expert
            )
        assert not StoryPhoto.objects.exists()


def test_a_draft_storys_photo_is_not_public(
    client: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    story = StoryFactory(office=balikesir, status=StoryStatus.DRAFT)
    with office_scope(balikesir):
        photo = services.story_photo_add(story=story, upload=_upload(), actor=balikesir_expert)
        image_process(photo.image_id)
    url = reverse(
        "public:stories:photo_file",
        kwargs={
            "office_slug": balikesir.slug,
            "photo_pk": photo.pk,
            "rendition": "card.jpg",
        },
    )
    assert client.get(url).status_code == 404
