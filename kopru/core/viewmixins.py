"""Small view helpers shared by the apps' panel views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .errors import ApplicationError, ConcurrentEditError
from .scoping import unscoped_manager


def fresh_copy(instance: models.Model) -> Any:
    """The record as the database has it now (a ModelForm edits its instance in place)."""
    return unscoped_manager(type(instance), reason="a fresh copy of a record the view holds").get(
        pk=instance.pk
    )


def handle_versioned_form(
    request: HttpRequest,
    *,
    form: Any,
    save: Callable[[dict[str, Any], int | None], Any],
    template: str,
    context: dict[str, Any],
    success_url: str,
    success_message: str,
    data: Callable[[], dict[str, Any]] | None = None,
    invalid_status: int = 200,
) -> HttpResponse:
    """Validate ``form``, call ``save(data, expected_version)``, show conflicts.

    Every form that edits a versioned record goes through here. ``save`` raises
    :class:`ConcurrentEditError` when the record moved on; the form is shown again
    (HTTP 409) with the user's input and what changed meanwhile. ``data`` builds what
    is saved from the valid form (default: ``form.changed_data_dict()``);
    ``invalid_status`` is the status of a POST shown again with its errors (a form on a
    record's page answers 400, a form page of its own 200).
    """
    if request.method == "POST" and form.is_valid():
        values = (data or form.changed_data_dict)()
        try:
            save(values, form.cleaned_data.get("version"))
        except ConcurrentEditError as exc:
            context["conflict"] = {"message": exc.message, "changes": exc.changes}
            return render(request, template, {**context, "form": form}, status=409)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    status = invalid_status if request.method == "POST" else 200
    return render(request, template, {**context, "form": form}, status=status)
