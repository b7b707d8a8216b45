"""Factories of the trainings app; ``Factory(office=izmir)`` builds a complete record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from kopru.core.tests.factories import KopruFactory, OfficeFactory
from kopru.trainings.certificates import new_code
from kopru.trainings.models import (
    Attendance,
    Certificate,
    Event,
    EventStatus,
    EventType,
    Feedback,
    Material,
    Registration,
    RegistrationStatus,
    Session,
)


class _ChildFactory(KopruFactory):
    """A record hanging off a parent record: ``office=`` builds the parent in that office."""

    class Meta:
        abstract = True

    _parent: tuple[str, Any] = ("", None)

    @classmethod
    def _generate(cls, strategy: Any, params: dict[str, Any]) -> Any:
        name, parent_factory = cls._parent
        if "office" in params and name not in params:
            params[name] = parent_factory()(office=params["office"])
        return super()._generate(strategy, params)


class EventFactory(KopruFactory):
    class Meta:
        model = Event

    office = factory.SubFactory(OfficeFactory)
    type = EventType.PCM
    title_tr = factory.Sequence(lambda n: f"Proje Döngüsü Yönetimi Eğitimi {n}")
    title_en = factory.Sequence(lambda n: f"Project Cycle Management Training {n}")
    capacity = 30
    status = EventStatus.PUBLISHED
    starts_on = factory.LazyFunction(lambda: timezone.localdate() + dt.timedelta(days=14))


class SessionFactory(_ChildFactory):
    _parent = ("event", lambda: EventFactory)

    class Meta:
        model = Session

    event = factory.SubFactory(EventFactory)
    office = factory.SelfAttribute("event.office")
    starts_at = factory.LazyAttribute(
        lambda s: timezone.make_aware(
            dt.datetime.combine(s.event.starts_on or timezone.localdate(), dt.time(9, 30))
        )
    )
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + dt.timedelta(hours=6))
    place = "Valilik Toplantı Salonu"


class MaterialFactory(_ChildFactory):
    _parent = ("event", lambda: EventFactory)

    class Meta:
        model = Material

    event = factory.SubFactory(EventFactory)
    office = factory.SelfAttribute("event.office")
    title = "Sunum"
    file = factory.django.FileField(filename="sunum.pdf", data=b"%PDF-1.4 test")
    size = 13


class RegistrationFactory(_ChildFactory):
    _parent = ("event", lambda: EventFactory)

    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    office = factory.SelfAttribute("event.office")
    full_name = factory.Sequence(lambda n: f"Katılımcı Şükrü {n}")
    email = factory.Sequence(lambda n: f"katilimci{n}@example.org")
    status = RegistrationStatus.CONFIRMED
    consent_text = "KVKK"
    consent_at = factory.LazyFunction(timezone.now)


def _attended_registration(**kwargs: Any) -> Any:
    return RegistrationFactory(attended=True, **kwargs)


class AttendanceFactory(_ChildFactory):
    _parent = ("registration", lambda: _attended_registration)

    class Meta:
        model = Attendance

    registration = factory.SubFactory(RegistrationFactory, attended=True)
    office = factory.SelfAttribute("registration.office")
    session = factory.SubFactory(
        SessionFactory,
        event=factory.SelfAttribute("..registration.event"),
        office=factory.SelfAttribute("..registration.office"),
    )


class CertificateFactory(_ChildFactory):
    _parent = ("registration", lambda: _attended_registration)

    class Meta:
        model = Certificate

    registration = factory.SubFactory(RegistrationFactory, attended=True)
    office = factory.SelfAttribute("registration.office")
    code = factory.LazyFunction(new_code)
    holder_name = factory.SelfAttribute("registration.full_name")
    pdf = factory.django.FileField(filename="sertifika.pdf", data=b"%PDF-1.4 test")


class FeedbackFactory(_ChildFactory):
    _parent = ("registration", lambda: _attended_registration)

    class Meta:
        model = Feedback

    registration = factory.SubFactory(RegistrationFactory, attended=True)
    office = factory.SelfAttribute("registration.office")
    overall = 5
    usefulness = 4
    trainer = 5
    comment = "Çok yararlı"
