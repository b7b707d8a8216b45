"""Factories of the youth opportunities; ``OpportunityFactory(office=izmir)`` builds a
published, open ESC volunteering place open to residents of Türkiye."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory
from kopru.youth.models import Opportunity, OpportunityType, PublicationState, YouthSearch


class OpportunityFactory(KopruFactory):
    class Meta:
        model = Opportunity

    office = factory.SubFactory(OfficeFactory)
    type = OpportunityType.ESC_VOLUNTEERING
    state = PublicationState.PUBLISHED
    title_tr = factory.Sequence(lambda n: f"Lizbon'da çevre gönüllülüğü {n}")
    title_en = factory.Sequence(lambda n: f"Environmental volunteering in Lisbon {n}")
    description_tr = "Kıyı temizliği ve çevre eğitimi atölyeleri."
    organiser = "Associação Mar Limpo"
    organiser_country = "PT"
    host_country = "PT"
    host_city = "Lizbon"
    residents_of = factory.LazyFunction(lambda: ["PT", "TR", "ES"])
    age_min = 18
    age_max = 30
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=90))
    ends_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=270))
    deadline = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    deadline_timezone = "Europe/Lisbon"
    costs_covered = factory.LazyFunction(
        lambda: ["travel", "accommodation", "food", "insurance", "pocket_money"]
    )
    working_language = "İngilizce"
    url = "https://youth.europa.eu/solidarity/placement/"
    published_at = factory.LazyFunction(timezone.now)


class YouthSearchFactory(KopruFactory):
    class Meta:
        model = YouthSearch

    office = factory.SubFactory(OfficeFactory)
    name = "ESC gönüllülüğü"
    params = factory.LazyFunction(lambda: {"tur": "esc_volunteering", "tr": "1"})
