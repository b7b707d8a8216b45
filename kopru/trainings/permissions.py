"""Who may do what with trainings, on top of office scoping: the rules and the access
helpers that fetch a record and authorise its use in one step (404 alike for a
missing record and a forbidden one)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from django.db.models import QuerySet

from kopru.accounts.permissions import (
    can_coordinate_office,
    can_work_in_office,
    works_for_office_id,
)
from kopru.core.access import fetch_and_authorise

from .models import Certificate, Event, Material, Registration, Session

if TYPE_CHECKING:
    from kopru.accounts.models import User
    from kopru.offices.models import Office


def can_manage_events(user: User, office: Office) -> bool:
    """Create events, register people, take attendance, issue certificates: office staff."""
    return can_work_in_office(user, office)


def can_handle_personal_data(user: User, office: Office) -> bool:
    """Export or erase everything held on a person: the coordinator (and national admins)."""
    return can_coordinate_office(user, office)


def can_manage_record(user: User, record: Any) -> bool:
    """An event, or a session, material, registration or certificate of one: the staff of
    its office."""
    return works_for_office_id(user, record.office_id)


Manage = Literal["manage"]
RULES = {"manage": can_manage_record}


def access_event(
    user: User, pk: Any, *, for_: Manage = "manage", queryset: QuerySet[Event] | None = None
) -> Event:
    source = queryset if queryset is not None else Event.objects.select_related("office")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="event")


def access_session(user: User, pk: Any, *, for_: Manage = "manage") -> Session:
    source = Session.objects.select_related("event", "event__office")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="session")


def access_material(user: User, pk: Any, *, for_: Manage = "manage") -> Material:
    source = Material.objects.select_related("event", "event__office")
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="material")


def access_registration(
    user: User, pk: Any, *, for_: Manage = "manage", event: Event | None = None
) -> Registration:
    """A registration (of ``event``, when given: a check-in names one of its people)."""
    source = Registration.objects.select_related("event", "event__office")
    if event is not None:
        source = source.filter(event=event)
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="registration")


def access_certificate(user: User, pk: Any, *, for_: Manage = "manage") -> Certificate:
    source = Certificate.objects.select_related(
        "registration__event", "registration__event__office"
    )
    return fetch_and_authorise(source, pk, user=user, rule=RULES[for_], what="certificate")
