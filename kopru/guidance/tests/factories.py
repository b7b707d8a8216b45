"""Factories of the guidance desk; ``CaseFactory(office=izmir)`` builds a complete case."""

from __future__ import annotations

from typing import Any

import factory
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory
from kopru.guidance.models import Case, CaseEntry, Channel, EntryKind, Status, Topic


class CaseFactory(KopruFactory):
    class Meta:
        model = Case

    office = factory.SubFactory(OfficeFactory)
    reference = factory.Sequence(lambda n: f"99-2026-{n:05d}")
    channel = Channel.WEB_FORM
    topic = Topic.FUNDING
    subject = factory.Sequence(lambda n: f"Gençlik projesi için hibe sorusu {n}")
    message = "Erasmus+ gençlik değişimi için hangi çağrıya başvurabiliriz?"
    requester_name = "Ayşe Yılmaz"
    requester_email = factory.Sequence(lambda n: f"ayse{n}@example.org")
    status = Status.NEW
    opened_at = factory.LazyFunction(timezone.now)


class CaseEntryFactory(KopruFactory):
    class Meta:
        model = CaseEntry

    case = factory.LazyAttribute(lambda o: CaseFactory(office=o.office))
    office = factory.SubFactory(OfficeFactory)
    kind = EntryKind.NOTE
    body = "Telefonla arandı, belgeler istendi."

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        kwargs.setdefault("office", kwargs["case"].office)
        return super()._create(model_class, *args, **kwargs)
