"""Factories of the decisions register; ``Factory(office=izmir)`` builds a complete record."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory, OrganisationFactory
from kopru.decisions.models import Decision, DecisionLink, LinkKind, Milestone, Status, Update
from kopru.trainings.tests.factories import _ChildFactory


class DecisionFactory(KopruFactory):
    class Meta:
        model = Decision

    office = factory.SubFactory(OfficeFactory)
    owner = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..office"))
    reference = factory.Sequence(lambda n: f"2026/{n}")
    title_tr = factory.Sequence(lambda n: f"Gençlik merkezlerinde AB bilgilendirme günleri {n}")
    title_en = factory.Sequence(lambda n: f"EU information days in youth centres {n}")
    text_tr = "İl Gençlik ve Spor Müdürlüğü yıl içinde dört bilgilendirme günü düzenler."
    contact_name = "Sorumlu Kişi"
    contact_email = factory.Sequence(lambda n: f"sorumlu{n}@example.org")
    decided_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=30))
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=60))
    status = Status.PLANNED
    progress = 0
    is_public = True


class MilestoneFactory(_ChildFactory):
    _parent = ("decision", lambda: DecisionFactory)

    class Meta:
        model = Milestone

    decision = factory.SubFactory(DecisionFactory)
    office = factory.SelfAttribute("decision.office")
    title_tr = "Birinci bilgilendirme günü"
    due_date = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=10))


class DecisionLinkFactory(_ChildFactory):
    _parent = ("decision", lambda: DecisionFactory)

    class Meta:
        model = DecisionLink

    decision = factory.SubFactory(DecisionFactory)
    office = factory.SelfAttribute("decision.office")
    kind = LinkKind.NEWS
    url = "https://www.ab.gov.tr/duyurular_42.html"
    label = "AB Başkanlığı duyurusu"


class UpdateFactory(_ChildFactory):
    _parent = ("decision", lambda: DecisionFactory)

    class Meta:
        model = Update

    decision = factory.SubFactory(DecisionFactory)
    office = factory.SelfAttribute("decision.office")
    status = Status.IN_PROGRESS
    progress = 20
    note = "İlk toplantı yapıldı."
