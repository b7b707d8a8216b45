"""Factories of boards and meetings; ``Factory(office=izmir)`` builds a complete record."""

from __future__ import annotations

import datetime as dt

import factory
from django.core.files.base import ContentFile
from django.utils import timezone

from kopru.boards.models import (
    AgendaItem,
    Body,
    Invitation,
    Meeting,
    MeetingDocument,
    MemberRole,
    Membership,
    Minutes,
    MinutesComment,
    Visibility,
)
from kopru.core.tests.factories import KopruFactory, OfficeFactory, OrganisationFactory
from kopru.trainings.tests.factories import _ChildFactory


class BodyFactory(KopruFactory):
    class Meta:
        model = Body

    office = factory.SubFactory(OfficeFactory)
    name_tr = factory.Sequence(lambda n: f"İl Avrupa Birliği Danışma Kurulu {n}")
    name_en = factory.Sequence(lambda n: f"Provincial EU Advisory Board {n}")
    mandate_tr = "AB uyum çalışmalarını ve hibe programlarını il düzeyinde eşgüdümlemek."
    visibility = Visibility.PUBLIC


class MembershipFactory(_ChildFactory):
    _parent = ("body", lambda: BodyFactory)

    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    office = factory.SelfAttribute("body.office")
    organisation = factory.SubFactory(OrganisationFactory, office=factory.SelfAttribute("..office"))
    full_name = factory.Sequence(lambda n: f"Ayşe Yılmaz {n}")
    email = factory.Sequence(lambda n: f"uye{n}@example.org")
    role = MemberRole.MEMBER
    term_starts_on = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=200))


class MeetingFactory(_ChildFactory):
    _parent = ("body", lambda: BodyFactory)

    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    office = factory.SelfAttribute("body.office")
    title_tr = factory.Sequence(lambda n: f"Olağan toplantı {n}")
    title_en = factory.Sequence(lambda n: f"Regular meeting {n}")
    starts_at = factory.LazyFunction(lambda: timezone.now() + dt.timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda m: m.starts_at + dt.timedelta(hours=2))
    place = "Valilik toplantı salonu"


class AgendaItemFactory(_ChildFactory):
    _parent = ("meeting", lambda: MeetingFactory)

    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    office = factory.SelfAttribute("meeting.office")
    order = factory.Sequence(lambda n: n + 1)
    title_tr = factory.Sequence(lambda n: f"Gündem maddesi {n}")
    presenter = "Sekretarya"


class MeetingDocumentFactory(_ChildFactory):
    _parent = ("meeting", lambda: MeetingFactory)

    class Meta:
        model = MeetingDocument

    meeting = factory.SubFactory(MeetingFactory)
    office = factory.SelfAttribute("meeting.office")
    title = "Toplantı gündemi"
    file = factory.LazyFunction(lambda: ContentFile(b"%PDF-1.4\n%%EOF\n", name="gundem.pdf"))


class InvitationFactory(_ChildFactory):
    _parent = ("meeting", lambda: MeetingFactory)

    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    office = factory.SelfAttribute("meeting.office")
    full_name = factory.Sequence(lambda n: f"Mehmet Öztürk {n}")
    organisation_name = "Balıkesir Ticaret ve Sanayi Odası"
    email = factory.Sequence(lambda n: f"davetli{n}@example.org")


class MinutesFactory(_ChildFactory):
    _parent = ("meeting", lambda: MeetingFactory)

    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    office = factory.SelfAttribute("meeting.office")
    discussion = "Gündem maddeleri görüşüldü."


class MinutesCommentFactory(_ChildFactory):
    _parent = ("minutes", lambda: MinutesFactory)

    class Meta:
        model = MinutesComment

    minutes = factory.SubFactory(MinutesFactory)
    office = factory.SelfAttribute("minutes.office")
    invitation = factory.SubFactory(
        InvitationFactory, meeting=factory.SelfAttribute("..minutes.meeting")
    )
    text = "İkinci maddede kurumumuzun adı eksik yazılmış."
