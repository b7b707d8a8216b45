"""Attendance at the door, shared by every app that takes it (trainings' sessions,
boards' meetings): the POST handling of a check-in page and its template
(``includes/checkin.html``: search by name, tick or undo each person, register a walk-in).

The app supplies what differs: how to find the person a POST names (its access helper,
so a person of another event or office is a 404), the services that record and undo a
check-in, and the walk-in form and service.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from .errors import ApplicationError


def checkin_post(
    request: HttpRequest,
    *,
    person_field: str,
    find: Callable[[str], Any],
    record: Callable[[Any], Any],
    undo: Callable[[Any], Any],
    walk_in: Any,
    register_walk_in: Callable[[Any], Any],
) -> bool:
    """Handle one POST of a check-in page; ``True`` when the page should redirect
    (``False``: the walk-in form has errors to show). ``person_field`` names the POST
    field that carries the person's id; ``walk_in`` is the bound walk-in form."""
    if person_field in request.POST:
        person = find(request.POST[person_field])
        try:
            if request.POST.get("undo"):
                undo(person)
                messages.info(request, _("{name}: giriş geri alındı.").format(name=person))
            else:
                record(person)
                messages.success(request, _("{name}: giriş yapıldı.").format(name=person))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return True
    if walk_in.is_valid():
        try:
            person = register_walk_in(walk_in)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(
                request, _("{name} kapıda kaydedildi ve giriş yaptı.").format(name=person)
            )
        return True
    return False
