"""Reads of the trainings app: lists, check-in search, statistics, personal data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Avg, Count, Prefetch, Q, QuerySet
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone

from kopru.core import sitesearch
from kopru.core.scoping import unscoped_manager
from kopru.core.text import search_terms
from kopru.organisations.models import OrganisationType

from .certificates import required_sessions
from .models import (
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


def _sessions_of_events_read() -> QuerySet[Session]:
    # Public pages may list an event's sessions, which the public scope does not
    # declare public themselves: holding the event authorises its sessions.
    return unscoped_manager(Session, reason="the sessions of events read above").order_by(
        "starts_at"
    )


def _with_counts(qs: QuerySet[Event]) -> QuerySet[Event]:
    return qs.annotate(
        confirmed_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.CONFIRMED)
        ),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )


def public_event_lists(*, event_type: str = "") -> tuple[list[Event], list[Event]]:
    """Published events of the scope: upcoming (soonest first) and past (latest first)."""
    today = timezone.localdate()
    qs = _with_counts(
        Event.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
    ).prefetch_related(Prefetch("sessions", queryset=_sessions_of_events_read()))
    if event_type:
        qs = qs.filter(type=event_type)
    upcoming = list(
        qs.filter(Q(starts_on__gte=today) | Q(starts_on__isnull=True)).order_by("starts_on", "id")
    )
    past = list(qs.filter(starts_on__lt=today).order_by("-starts_on", "-id")[:30])
    return upcoming, past


#: The columns of the panel's event list a user may sort by (kopru.core.lists).
EVENT_SORTS = {
    "title": ("title_sort",),
    "type": ("type", "title_sort"),
    "date": ("starts_on",),
    "status": ("status", "starts_on"),
    "confirmed": ("confirmed_count", "starts_on"),
    "waiting": ("waiting_count", "starts_on"),
}


def panel_event_list(*, q: str = "", status: str = "", include_history: bool = False) -> Any:
    qs = _with_counts(Event.objects.all()).order_by("-starts_on", "-id")
    if not include_history:
        qs = qs.filter(is_historical=False)
    if status:
        qs = qs.filter(status=status)
    for term in search_terms(q):
        qs = qs.filter(title_search__contains=term)
    return qs


def event_for_detail(pk: int) -> Any:
    return _with_counts(Event.objects.all()).get(pk=pk)


def events_with_counts() -> QuerySet[Event]:
    """Events of the scope with ``confirmed_count`` and ``waiting_count``."""
    return _with_counts(Event.objects.all())


def public_event_page() -> QuerySet[Event]:
    """What an event's public page shows with it: sessions, materials, office."""
    return Event.objects.prefetch_related("sessions", "materials").select_related("office")


def calendar_events(limit: int = 200) -> list[Event]:
    """Published (and cancelled) events of the scope for the iCalendar feed, latest first."""
    return list(
        Event.objects.filter(status__in=[EventStatus.PUBLISHED, EventStatus.CANCELLED])
        .select_related("office")
        .prefetch_related("sessions")
        .order_by("-starts_on")[:limit]
    )


def public_material(pk: Any) -> Material | None:
    return Material.objects.filter(pk=pk).first()


def registration_for_link(office: Any, registration_id: int | None) -> Registration | None:
    """The registration a signed private link names (the token authorises the reader,
    who has no account: the public scope would not show a registration)."""
    if not registration_id:
        return None
    return (
        unscoped_manager(Registration, reason="a signed private link names this registration")
        .select_related("event", "event__office")
        .filter(pk=registration_id, office=office)
        .first()
    )


def certificate_for_code(office: Any, code: str, *, valid_only: bool = False) -> Certificate | None:
    """The certificate with ``code`` in ``office`` (the code is printed on it)."""
    qs = Certificate.objects.select_related("registration__event", "replaced_by").filter(
        code=code, office=office
    )
    if valid_only:
        qs = qs.filter(revoked_at__isnull=True)
    return qs.first()


def event_registrations(event: Event) -> QuerySet[Registration]:
    """An event's registrations for its panel page, with attendance and certificates."""
    return (
        Registration.objects.filter(event=event)
        .select_related("district")
        .prefetch_related(
            "attendances",
            Prefetch("certificates", queryset=Certificate.objects.order_by("-issued_at", "-id")),
        )
        .order_by("status", "created_at", "id")
    )


def registration_for_checkin(registration_id: int | None) -> Registration | None:
    """The registration a check-in QR code names, in the office's scope."""
    return Registration.objects.select_related("event").filter(pk=registration_id or 0).first()


def events_with_sessions() -> QuerySet[Event]:
    return Event.objects.prefetch_related("sessions")


def event_with_sessions(pk: int) -> Event:
    return events_with_sessions().get(pk=pk)


def present_registration_ids(session: Session | None) -> set[int]:
    """Who has checked in to ``session``."""
    if session is None:
        return set()
    return set(session.attendances.values_list("registration_id", flat=True))


def is_present(session: Session | None, registration: Registration) -> bool:
    return bool(session and session.attendances.filter(registration=registration).exists())


def checkin_candidates(*, event: Event, q: str = "") -> QuerySet[Registration]:
    qs = (
        Registration.objects.filter(event=event, status=RegistrationStatus.CONFIRMED)
        .prefetch_related("attendances")
        .order_by("name_search", "id")
    )
    for term in search_terms(q):
        qs = qs.filter(name_search__contains=term)
    return qs


def feedback_summary(event: Event) -> dict[str, Any]:
    qs = Feedback.objects.filter(registration__event=event)
    summary = qs.aggregate(
        n=Count("id"), overall=Avg("overall"), usefulness=Avg("usefulness"), trainer=Avg("trainer")
    )
    summary["comments"] = list(
        qs.exclude(comment="").order_by("-submitted_at").values_list("comment", flat=True)[:50]
    )
    return summary


# --- statistics -------------------------------------------------------------


def _participations() -> QuerySet[Registration]:
    """Attended participations of the scope (erased people included, anonymously)."""
    return Registration.objects.filter(attended=True).exclude(status=RegistrationStatus.CANCELLED)


def _breakdown(qs: QuerySet[Registration], field: str) -> list[dict[str, Any]]:
    rows = (
        qs.values(field)
        .annotate(participations=Count("id"), people=Count("person_key", distinct=True))
        .order_by(field)
    )
    return list(rows)


def training_statistics(*, since: int | None = None) -> dict[str, Any]:
    qs = _participations()
    if since:
        qs = qs.filter(event__starts_on__gte=dt.date(since, 1, 1))
    totals = qs.aggregate(participations=Count("id"), people=Count("person_key", distinct=True))
    first = (
        qs.exclude(event__starts_on=None)
        .order_by("event__starts_on")
        .values_list("event__starts_on", flat=True)
        .first()
    )
    by_year = list(
        qs.exclude(event__starts_on=None)
        .annotate(year=ExtractYear("event__starts_on"))
        .values("year")
        .annotate(participations=Count("id"), people=Count("person_key", distinct=True))
        .order_by("year")
    )
    type_labels = dict(EventType.choices)
    org_labels = dict(OrganisationType.choices)
    by_type = [
        {**r, "label": str(type_labels.get(r["event__type"], r["event__type"]))}
        for r in _breakdown(qs, "event__type")
    ]
    by_org = [
        {**r, "label": str(org_labels.get(r["organisation_type"], "")) or None}
        for r in _breakdown(qs, "organisation_type")
    ]
    by_district = [
        {**r, "label": r["district__name"]}
        for r in _breakdown(qs, "district__name")
        if r["district__name"]
    ]
    by_district.sort(key=lambda r: -r["participations"])
    by_priority = _breakdown(qs, "priority_group")
    events = (
        Event.objects.filter(registrations__in=qs).distinct().count() if totals["people"] else 0
    )
    return {
        "totals": {**totals, "events": events},
        "first_year": first.year if first else None,
        "by_year": by_year,
        "by_type": by_type,
        "by_org": by_org,
        "by_district": by_district,
        "by_priority": by_priority,
    }


def trainees_since() -> tuple[int | None, int]:
    """(first year, unique trainees since then) for the sentence the office quotes."""
    stats = training_statistics()
    return stats["first_year"], stats["totals"]["people"]


# --- personal data ----------------------------------------------------------


def people_search(q: str) -> list[dict[str, Any]]:
    """People (by identity) whose name or e-mail matches ``q``, with their counts."""
    terms = search_terms(q)
    if not terms:
        return []
    qs = Registration.objects.filter(erased_at__isnull=True)
    for term in terms:
        qs = qs.filter(Q(name_search__contains=term) | Q(email_key__contains=term))
    rows = qs.values("person_key").annotate(n=Count("id")).order_by("person_key")[:50]
    keys = {r["person_key"]: r["n"] for r in rows}
    names: dict[str, tuple[str, str]] = {}
    for reg in Registration.objects.filter(person_key__in=keys).order_by("-created_at"):
        names.setdefault(reg.person_key, (reg.full_name, reg.email))
    return [
        {"key": k, "name": names[k][0], "email": names[k][1], "count": n} for k, n in keys.items()
    ]


def person_registrations(person_key: str) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(person_key=person_key, erased_at__isnull=True)
        .select_related("event", "district")
        .prefetch_related("attendances__session", "certificates")
        .order_by("created_at")
    )


# --- certificates -----------------------------------------------------------


def eligible_registrations(event: Event) -> list[Registration]:
    """Confirmed participants who met the attendance rule and hold no valid certificate."""
    session_count = event.sessions.count()
    need = max(1, required_sessions(event, session_count))
    registrations = unscoped_manager(Registration, reason="the registrations of the event given")
    certificates = unscoped_manager(Certificate, reason="the certificates of the event given")
    qs = (
        registrations.filter(
            event=event, status=RegistrationStatus.CONFIRMED, attended=True, erased_at__isnull=True
        )
        .annotate(n=Count("attendances", distinct=True))
        .filter(n__gte=need)
        .exclude(
            pk__in=certificates.filter(registration__event=event, revoked_at__isnull=True).values(
                "registration_id"
            )
        )
        .order_by("id")
    )
    return list(qs)


def site_search(office: Any, query: str, limit: int) -> sitesearch.Hits:
    """The office-wide search's trainings and events (:mod:`kopru.core.sitesearch`): the
    office's public events matched in Python through the bilingual thesaurus (a few dozen
    a year), coming ones first (soonest first), then past ones (latest first). Public scope."""
    today = timezone.localdate()
    fields = ("id", "title_tr", "title_en", "description_tr", "description_en", "type", "starts_on")
    events = list(Event.objects.only(*fields))
    coming = sorted(
        (e for e in events if e.starts_on is None or e.starts_on >= today),
        key=lambda e: (e.starts_on or dt.date.max, e.pk),
    )
    past = sorted(
        (e for e in events if e not in coming), key=lambda e: (e.starts_on, e.pk), reverse=True
    )

    def hit(e: Event) -> sitesearch.Hit:
        url = reverse("public:trainings:event", kwargs={"office_slug": office.slug, "pk": e.pk})
        return sitesearch.hit_of(
            e, url, summary="description", when=e.starts_on, note=e.get_type_display()
        )

    return sitesearch.search_rows(
        coming + past,
        query,
        texts=lambda e: (e.title_tr, e.title_en, e.description_tr, e.description_en),
        hit=hit,
        limit=limit,
    )
