"""Taking attendance: the check-in page of a session (search, tick, walk-ins) and the
page a confirmation e-mail's QR code opens."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from kopru.accounts.http import OfficeRequest
from kopru.core.checkin import checkin_post
from kopru.core.errors import ApplicationError

from .. import selectors, services
from ..forms import WalkInForm
from ..models import Event, Session
from ..permissions import access_event, access_registration
from ..tokens import read_token


def _current_session(event: Event, requested: str | None) -> Session | None:
    sessions = list(event.sessions.all())
    if requested:
        for s in sessions:
            if str(s.pk) == requested:
                return s
    today = timezone.localdate()
    for s in sessions:
        if timezone.localtime(s.starts_at).date() == today:
            return s
    upcoming = [s for s in sessions if s.ends_at >= timezone.now()]
    return upcoming[0] if upcoming else (sessions[-1] if sessions else None)


def panel_checkin(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    office = request.office
    event = access_event(request.user, pk, queryset=selectors.events_with_sessions())
    session = _current_session(event, request.GET.get("oturum") or request.POST.get("session"))
    q = request.GET.get("q", "").strip()
    walk_in = WalkInForm(request.POST or None, office=office, prefix="w")
    if request.method == "POST" and session is not None:
        done = checkin_post(
            request,
            person_field="registration",
            find=lambda pk: access_registration(request.user, pk, event=event),
            record=lambda reg: services.attendance_record(
                registration=reg, session=session, actor=request.user
            ),
            undo=lambda reg: services.attendance_remove(
                registration=reg, session=session, actor=request.user
            ),
            walk_in=walk_in,
            register_walk_in=lambda form: services.walk_in_register(
                event=event, data=form.person_data(), session=session, actor=request.user
            ),
        )
        if done:
            url = reverse("panel:trainings:checkin", kwargs={"office_slug": office.slug, "pk": pk})
            return redirect(f"{url}?oturum={session.pk}&q={q}")
    return render(
        request,
        "trainings/panel_checkin.html",
        {
            "event": event,
            "session": session,
            "people": list(selectors.checkin_candidates(event=event, q=q)[:100]),
            "present": selectors.present_registration_ids(session),
            "q": q,
            "walk_in": walk_in,
        },
    )


def panel_checkin_qr(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """Opened by scanning the QR code of the confirmation e-mail: check that person in."""
    reg = selectors.registration_for_checkin(read_token(request.GET.get("t", ""), "checkin"))
    if reg is None:
        return render(request, "trainings/panel_checkin_qr.html", {"invalid": True}, status=400)
    event = selectors.event_with_sessions(reg.event_id)
    session = _current_session(event, request.POST.get("session"))
    done = False
    error = ""
    if request.method == "POST" and session is not None:
        try:
            services.attendance_record(registration=reg, session=session, actor=request.user)
            done = True
        except ApplicationError as exc:
            error = exc.message
    return render(
        request,
        "trainings/panel_checkin_qr.html",
        {
            "registration": reg,
            "event": event,
            "session": session,
            "done": done,
            "present": selectors.is_present(session, reg),
            "error": error,
        },
    )
