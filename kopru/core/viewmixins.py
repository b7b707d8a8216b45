"""Small view helpers shared by the apps' panel views."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import models
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from .errors import ApplicationError, ConcurrentEditError


def fresh_copy(instance: models.Model) -> Any:
    """The record as the database has it now (a ModelForm edits its instance in place)."""
    return type(instance)._base_manager.get(pk=instance.pk)


def handle_versioned_form(
    request: HttpRequest,
    *,
    form: Any,
    save: Any,
    template: str,
    context: dict[str, Any],
    success_url: str,
    success_message: str,
) -> HttpResponse:
    """Validate ``form``, call ``save(data, expected_version)``, show conflicts.

    ``save`` raises :class:`ConcurrentEditError` when the record moved on; the
    form is shown again with the user's input and what changed meanwhile.
    """
    if request.method == "POST" and form.is_valid():
        data = form.changed_data_dict()
        try:
            save(data, form.cleaned_data.get("version"))
        except ConcurrentEditError as exc:
            context["conflict"] = {"message": exc.message, "changes": exc.changes}
            return render(request, template, {**context, "form": form}, status=409)
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, success_message)
            return redirect(success_url)
    return render(request, template, {**context, "form": form})
