"""Factories of the partner search; ``Factory(office=izmir)`` builds a complete record."""

from __future__ import annotations

import datetime as dt

import factory
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory, OrganisationFactory
from kopru.partners.models import Answer, AnswerMessage, PartnerSearch, PostKind, Side
from kopru.trainings.tests.factories import _ChildFactory


class PartnerSearchFactory(KopruFactory):
    class Meta:
        model = PartnerSearch

    office = factory.SubFactory(OfficeFactory)
    organisation = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..office"))
    kind = PostKind.SEEKING
    title_tr = factory.Sequence(lambda n: f"Gençlik değişimi için ortak aranıyor {n}")
    title_en = factory.Sequence(lambda n: f"Partners wanted for a youth exchange {n}")
    description_tr = "Erasmus+ KA1 gençlik değişimi için iki ortak arıyoruz."
    programme = "Erasmus+"
    countries = factory.LazyFunction(lambda: ["DE", "IT"])
    organisation_types = factory.LazyFunction(lambda: ["ngo"])
    expires_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=30))


class AnswerFactory(_ChildFactory):
    _parent = ("post", lambda: PartnerSearchFactory)

    class Meta:
        model = Answer

    post = factory.SubFactory(PartnerSearchFactory)
    office = factory.SelfAttribute("post.office")
    responder_name = factory.Sequence(lambda n: f"Işıl Çağlar {n}")
    organisation_name = factory.Sequence(lambda n: f"Verein Jugend {n}")
    country = "DE"
    email = factory.Sequence(lambda n: f"yanit{n}@example.org")
    consent_text = "KVKK"
    consent_at = factory.LazyFunction(timezone.now)
    last_message_at = factory.LazyFunction(timezone.now)
    last_side = Side.RESPONDER


class AnswerMessageFactory(_ChildFactory):
    _parent = ("answer", lambda: AnswerFactory)

    class Meta:
        model = AnswerMessage

    answer = factory.SubFactory(AnswerFactory)
    office = factory.SelfAttribute("answer.office")
    side = Side.RESPONDER
    body = "Merhaba, projenize ortak olmak isteriz."
