from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from kopru.calls.models import (
    Call,
    CallDeadline,
    CallDocument,
    CallFollow,
    CallSettings,
    SavedSearch,
    State,
    WhoAppliesRule,
)
from kopru.calls.services import sync_facets
from kopru.core.tests.factories import KopruFactory, OfficeFactory


class CallFactory(KopruFactory):
    class Meta:
        model = Call
        skip_postgeneration_save = True

    office = factory.SubFactory(OfficeFactory)
    title_tr = factory.Sequence(lambda n: f"Deneme hibe çağrısı {n}")
    title_en = factory.Sequence(lambda n: f"Test grant call {n}")
    summary_tr = "<p>Gençlik ve çevre projeleri için hibe.</p>"
    level = "eu"
    instrument = "grant"
    programme = "Erasmus+"
    funder = "European Commission"
    source = "manual"
    state = State.DRAFT
    sectors: Any = factory.LazyFunction(lambda: ["environment"])
    target_groups: Any = factory.LazyFunction(lambda: ["youth"])
    applicant_types: Any = factory.LazyFunction(lambda: ["municipality", "ngo"])

    @factory.post_generation
    def deadline(obj: Call, create: bool, extracted: Any, **kwargs: Any) -> None:
        if not create:
            return
        at = extracted if extracted is not None else timezone.now() + dt.timedelta(days=30)
        if at is False:
            sync_facets(obj)
            return
        CallDeadline.objects.create(call=obj, at=at, timezone="Europe/Brussels")
        fields = obj.refresh_derived()
        Call._base_manager.filter(pk=obj.pk).update(**{f: getattr(obj, f) for f in fields})
        sync_facets(obj)


class PublishedCallFactory(CallFactory):
    state = State.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


class CallSettingsFactory(KopruFactory):
    class Meta:
        model = CallSettings

    office = factory.SubFactory(OfficeFactory)


class SavedSearchFactory(KopruFactory):
    class Meta:
        model = SavedSearch

    office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Aramam {n}")
    params: Any = factory.LazyFunction(lambda: {"q": "gençlik"})


class CallFollowFactory(KopruFactory):
    class Meta:
        model = CallFollow

    office = factory.SubFactory(OfficeFactory)
    call = factory.SubFactory(CallFactory, office=factory.SelfAttribute("..office"))
    email = factory.Sequence(lambda n: f"takip{n}@example.invalid")
    reminder_days: Any = factory.LazyFunction(lambda: [14, 3])


class CallDocumentFactory(KopruFactory):
    """A document of a (draft) call; ``office=`` makes the call in that office."""

    class Meta:
        model = CallDocument

    title = "Başvuru rehberi"
    file = factory.django.FileField(filename="rehber.pdf", data=b"%PDF-1.4 deneme")
    size = 15

    @classmethod
    def _create(cls, model_class: Any, *args: Any, **kwargs: Any) -> Any:
        office = kwargs.pop("office", None)
        if "call" not in kwargs:
            kwargs["call"] = CallFactory(office=office) if office else CallFactory()
        return super()._create(model_class, *args, **kwargs)


class WhoAppliesRuleFactory(KopruFactory):
    class Meta:
        model = WhoAppliesRule

    office = factory.SubFactory(OfficeFactory)
    programme = "Horizon Europe"
    action_types = "RIA, IA"
    leads: Any = factory.LazyFunction(lambda: ["university", "municipality"])
    partners: Any = factory.LazyFunction(lambda: ["ngo"])
