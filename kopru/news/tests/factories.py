from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory, StoredImageFactory
from kopru.core.tests.imagefiles import pdf_bytes
from kopru.news.models import (
    Category,
    DigestSubscription,
    NewsAttachment,
    NewsImage,
    NewsItem,
    NewsStatus,
)


class NewsItemFactory(KopruFactory):
    class Meta:
        model = NewsItem

    office = factory.SubFactory(OfficeFactory)
    title_tr = factory.Sequence(lambda n: f"Avrupa Günü etkinliği {n}")
    title_en = factory.Sequence(lambda n: f"Europe Day event {n}")
    summary_tr = "Ofisimiz 9 Mayıs Avrupa Günü'nde liselerle bir etkinlik düzenledi."
    summary_en = "On Europe Day, 9 May, the office held an event with high schools."
    body_tr = "<p>Etkinlikte öğrenciler AB programlarını tanıdı.</p>"
    category = Category.EU_AWARENESS
    tags = factory.LazyFunction(lambda: ["Avrupa Günü"])
    status = NewsStatus.PUBLISHED
    publish_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=1))


class NewsImageFactory(KopruFactory):
    class Meta:
        model = NewsImage

    office = factory.SubFactory(OfficeFactory)
    news = factory.SubFactory(NewsItemFactory, office=factory.SelfAttribute("..office"))
    image = factory.SubFactory(StoredImageFactory, office=factory.SelfAttribute("..office"))


class NewsAttachmentFactory(KopruFactory):
    class Meta:
        model = NewsAttachment

    office = factory.SubFactory(OfficeFactory)
    news = factory.SubFactory(NewsItemFactory, office=factory.SelfAttribute("..office"))
    title = "Etkinlik programı"
    file = factory.django.FileField(filename="program.pdf", data=pdf_bytes())
    size = 200


class DigestSubscriptionFactory(KopruFactory):
    class Meta:
        model = DigestSubscription

    office = factory.SubFactory(OfficeFactory)
    email = factory.Sequence(lambda n: f"abone{n}@example.org")
    topics = factory.LazyFunction(lambda: ["news", "calls"])
    consent_text = "E-posta adresimin ... işlenmesini kabul ediyorum."
    consent_at = factory.LazyFunction(timezone.now)
    confirmed_at = factory.LazyFunction(timezone.now)
