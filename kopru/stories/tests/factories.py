"""Factories of the stories; ``StoryFactory(office=izmir)`` builds a published story."""

from __future__ import annotations

import factory
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory
from kopru.core.tests.imagefiles import uploaded_image
from kopru.stories.models import Label, Quote, Story, StoryPhoto, StoryStatus
from kopru.trainings.tests.factories import _ChildFactory


class StoryFactory(KopruFactory):
    class Meta:
        model = Story

    office = factory.SubFactory(OfficeFactory)
    label = Label.GOOD_PRACTICE
    status = StoryStatus.PUBLISHED
    title_tr = factory.Sequence(lambda n: f"Köy okullarında dijital beceriler {n}")
    title_en = factory.Sequence(lambda n: f"Digital skills in village schools {n}")
    summary_tr = "Kırsaldaki gençler için kodlama atölyeleri."
    narrative_tr = "Proje, üç ilçede iki yüz gence ulaştı."
    published_at = factory.LazyFunction(timezone.now)
    facts = factory.LazyFunction(
        lambda: {
            "projects": [],
            "programmes": ["Erasmus+ KA2"],
            "year": 2025,
            "sectors": ["youth"],
            "districts": [],
            "priority_groups": ["youth"],
            "target_groups": ["youth"],
        }
    )


class QuoteFactory(_ChildFactory):
    _parent = ("story", lambda: StoryFactory)

    class Meta:
        model = Quote

    story = factory.SubFactory(StoryFactory)
    office = factory.SelfAttribute("story.office")
    text_tr = "Artık kendi uygulamamı yazabiliyorum."
    speaker_name = "Elif Yıldız"
    speaker_role = "katılımcı, 17 yaşında"
    consent_note = "İmzalı muvafakatname, proje dosyasında."
    consent_at = factory.LazyFunction(timezone.now)


class StoryPhotoFactory(_ChildFactory):
    """A story's photo with a real processed image (its files in the test storage)."""

    _parent = ("story", lambda: StoryFactory)

    class Meta:
        model = StoryPhoto

    story = factory.SubFactory(StoryFactory)
    office = factory.SelfAttribute("story.office")
    image = factory.LazyAttribute(lambda o: uploaded_image(o.office))
