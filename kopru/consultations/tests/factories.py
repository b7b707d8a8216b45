"""Factories of consultations; ``Factory(office=izmir)`` builds a complete record."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kopru.consultations.models import Consultation, Contribution, Section, Status
from kopru.core.tests.factories import KopruFactory, OfficeFactory
from kopru.trainings.tests.factories import _ChildFactory


class ConsultationFactory(KopruFactory):
    class Meta:
        model = Consultation

    office = factory.SubFactory(OfficeFactory)
    title_tr = factory.Sequence(lambda n: f"Kent gençlik politikası taslağı {n}")
    title_en = factory.Sequence(lambda n: f"Draft city youth policy {n}")
    summary_tr = "Gençlerin kent yönetimine katılımı için taslak ilkeler."
    opens_at = factory.LazyFunction(lambda: timezone.now() - dt.timedelta(days=5))
    closes_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=20))
    status = Status.PUBLISHED


class SectionFactory(_ChildFactory):
    _parent = ("consultation", lambda: ConsultationFactory)

    class Meta:
        model = Section

    consultation = factory.SubFactory(ConsultationFactory)
    office = factory.SelfAttribute("consultation.office")
    number = factory.Sequence(lambda n: n + 1)
    heading_tr = "Gençlik meclisleri"
    body_tr = "Her ilçede yılda en az iki kez toplanan bir gençlik meclisi kurulur."


class ContributionFactory(_ChildFactory):
    _parent = ("section", lambda: SectionFactory)

    class Meta:
        model = Contribution

    section = factory.SubFactory(SectionFactory)
    consultation = factory.SelfAttribute("section.consultation")
    office = factory.SelfAttribute("section.office")
    body = "Meclis toplantıları okul saatleri dışında yapılmalı."
    author_name = factory.Sequence(lambda n: f"Deniz Çağlar {n}")
    email = factory.Sequence(lambda n: f"katki{n}@example.org")
    email_key = factory.SelfAttribute("email")
    consent_text = "KVKK"
    consent_at = factory.LazyFunction(timezone.now)
