"""Views of the foundation: health check, record history, error pages."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from . import personal_data as pd
from . import services
from .access import get_or_404_scoped, requires
from .audit import history_for
from .errors import ApplicationError
from .forms import ThesaurusWordForm, thesaurus_entry_label
from .models import Job, OfficeOwned, ThesaurusWord
from .registry import registry
from .scheduler import scheduler_state
from .taskqueue import queue_state
from .tenancy import OFFICE_MODEL, can_coordinate_office, office_by_slug
from .vocabularies import THESAURUS
from .workers import job_waits_for_a_worker, worker_state


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Database, task queue and scheduler state, for monitoring.

    ``status`` is ``ok``, ``degraded`` (the database answers but the queue has no
    working worker, a task lost its worker, or a periodic job missed its slot or
    failed: HTTP 200, so a load balancer keeps the web node) or ``error`` (the
    database does not answer: HTTP 503).
    """
    body: dict[str, Any] = {"time": timezone.now().isoformat()}
    status = 200
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        body["database"] = {"ok": True, "vendor": connection.vendor}
    except Exception as exc:
        body["database"] = {"ok": False, "error": exc.__class__.__name__}
        status = 503
    if status == 200:
        body["tasks"] = _task_state()
        body["scheduler"] = _scheduler_state()
        healthy = body["tasks"]["ok"] and body["scheduler"]["ok"]
        body["status"] = "ok" if healthy else "degraded"
    else:
        body["tasks"] = {"ok": False}
        body["status"] = "error"
    return JsonResponse(body, status=status)


def _task_state() -> dict[str, Any]:
    backend = str(settings.TASKS["default"]["BACKEND"])
    state: dict[str, Any] = {"backend": backend.rsplit(".", 1)[-1], "ok": True}
    if backend == "django_tasks_db.DatabaseBackend":
        state.update(queue_state())
        workers = worker_state()
        state["workers_alive"] = workers["alive"]
        state["last_heartbeat"] = workers["last_heartbeat"]
    return state


def _scheduler_state() -> dict[str, Any]:
    jobs = {}
    for row in scheduler_state():
        last = row["last"]
        jobs[row["name"]] = {
            "cron": row["cron"],
            "last_slot": last.slot.isoformat() if last else None,
            "last_status": last.status if last else None,
            "last_finished": last.finished_at.isoformat() if last and last.finished_at else None,
            "next": row["next"].isoformat(),
            "missed": row["missed"],
            "ok": row["ok"],
        }
    return {"ok": all(j["ok"] for j in jobs.values()), "jobs": jobs}


def scheduler_page(request: HttpRequest) -> HttpResponse:
    """National administrators: every periodic job, its last run and outcome, its next run."""
    return render(
        request, "core/scheduler.html", {"jobs": scheduler_state(), "workers": worker_state()}
    )


def _history_model(label: str) -> type[Any]:
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError) as exc:
        raise Http404("model") from exc
    if model._meta.label == OFFICE_MODEL or issubclass(model, OfficeOwned):
        return model
    raise Http404("model")


def record_history(request: HttpRequest, office_slug: str, model: str, pk: int) -> HttpResponse:
    """The audit trail of one record the user may see (404 otherwise)."""
    model_cls = _history_model(model)
    office = request.office  # type: ignore[attr-defined]
    if model_cls._meta.label == OFFICE_MODEL:
        if pk != office.pk:
            raise Http404("office")
        obj = office
    else:
        obj = get_or_404_scoped(model_cls, pk=pk, what="record")
        # A record another office shares (a national call) is visible, its history is
        # not: it names that office's staff and holds its values before publication.
        if obj.office_id != office.pk:
            raise Http404("record")
    entries = history_for(obj)
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "core/history.html",
        {"object": obj, "model_name": model_cls._meta.verbose_name, "page": page},
    )


def _office_of_path(request: HttpRequest) -> Any | None:
    """The office a missing page's address names (``/<office>/...``, ``/en/<office>/...``)."""
    office = getattr(request, "office", None)
    if office is not None:
        return office
    parts = [p for p in request.path.split("/") if p]
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        parts = parts[1:]
    if not parts or len(parts[0]) > 60:
        return None
    try:
        return office_by_slug(parts[0])
    except Exception:  # an error page must not fail
        return None


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """404 that leads back to the office whose address was typed, when there is one."""
    return render(request, "errors/404.html", {"office": _office_of_path(request)}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return render(request, "errors/500.html", status=500)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/403.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "errors/400.html", status=400)


def job_list(request: HttpRequest, office_slug: str) -> HttpResponse:
    page = Paginator(Job.objects.select_related("created_by"), 25).get_page(request.GET.get("page"))
    return render(request, "core/job_list.html", {"page": page})


def job_detail(request: HttpRequest, office_slug: str, pk: int) -> HttpResponse:
    """A job's progress; htmx polls the same URL for the progress fragment."""
    job = get_or_404_scoped(Job.objects.select_related("created_by"), pk=pk, what="job")
    template = "core/_job_progress.html" if request.headers.get("HX-Request") else "core/job.html"
    return render(request, template, {"job": job, "no_worker": job_waits_for_a_worker(job)})


def _personal_data_page(
    request: HttpRequest, email: str, *, error: str = "", status: int = 200
) -> HttpResponse:
    found = pd.personal_data_find(email=email) if email and not error else None
    sections = [
        {"label": p.label, "records": (found or {}).get(p.key, [])} for p in registry.personal_data
    ]
    return render(
        request,
        "core/personal_data.html",
        {
            "email": email,
            "found": found is not None,
            "sections": sections,
            "total": sum(len(s["records"]) for s in sections),
            "error": error,
        },
        status=status,
    )


@requires(can_coordinate_office)
def personal_data(request: HttpRequest, office_slug: str) -> HttpResponse:
    """Find what the office holds on a person (by e-mail), to export or erase it."""
    email = request.GET.get("email", "").strip()
    try:
        return _personal_data_page(request, email)
    except ApplicationError as exc:
        return _personal_data_page(request, email, error=exc.message, status=400)


@require_POST
@requires(can_coordinate_office)
def personal_data_export(request: HttpRequest, office_slug: str) -> HttpResponse:
    """Everything held on the person, as JSON or XLSX (audited)."""
    email = request.POST.get("email", "").strip()
    fmt = "xlsx" if request.POST.get("fmt") == "xlsx" else "json"
    try:
        body, content_type = pd.personal_data_export(
            email=email,
            actor=request.user,
            office=request.office,  # type: ignore[attr-defined]
            fmt=fmt,
        )
    except ApplicationError as exc:
        return _personal_data_page(request, email, error=exc.message, status=400)
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="kisisel-veri.{fmt}"'
    return response


@require_POST
@requires(can_coordinate_office)
def personal_data_erase(request: HttpRequest, office_slug: str) -> HttpResponse:
    """Anonymise every record held on the person, once the coordinator confirmed it."""
    office = request.office  # type: ignore[attr-defined]
    email = request.POST.get("email", "").strip()
    try:
        if request.POST.get("confirm") != "1":
            raise ApplicationError(_("Silmeyi onaylamak için kutuyu işaretleyin."))
        counts = pd.personal_data_erase(email=email, actor=request.user, office=office)
    except ApplicationError as exc:
        return _personal_data_page(request, email, error=exc.message, status=400)
    messages.success(
        request,
        _("Kişisel veriler silindi ({n} kayıt anonimleştirildi).").format(n=sum(counts.values())),
    )
    return redirect("panel:core:personal_data", office_slug=office.slug)


def lookup_options(found: list[Any], query: str) -> HttpResponse:
    """The ``<option>`` elements a :class:`kopru.core.forms.LookupSelect` asks for.

    The first, empty option stays selected, so typing never picks a record by itself.
    """
    options = format_html_join(
        "", '<option value="{}">{}</option>', ((o.pk, str(o)) for o in found)
    )
    empty = _("{n} sonuç — seçin").format(n=len(found)) if query else "—"
    return HttpResponse(format_html('<option value="">{}</option>{}', empty, options))


def thesaurus_page(request: HttpRequest) -> HttpResponse:
    """National administrators: the bilingual thesaurus, and the words staff added."""
    form = ThesaurusWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        kind, code = form.entry_key()
        services.thesaurus_word_add(
            actor=request.user,
            kind=kind,
            code=code,
            language=form.cleaned_data["language"],
            word=form.cleaned_data["word"],
        )
        messages.success(
            request, _("Sözcük eklendi; aramalar en geç yarım dakika içinde kullanır.")
        )
        return redirect("national:core:thesaurus")
    added: dict[tuple[str, str], list[Any]] = {}
    for word in ThesaurusWord.objects.all():
        added.setdefault((word.kind, word.code), []).append(word)
    rows = [
        {
            "label": thesaurus_entry_label(kind, code),
            "tr": tr,
            "en": en,
            "added": added.get((kind, code), []),
        }
        for (kind, code), (tr, en) in THESAURUS.items()
    ]
    return render(request, "core/thesaurus.html", {"form": form, "rows": rows})


@require_POST
def thesaurus_word_delete(request: HttpRequest, pk: int) -> HttpResponse:
    word = ThesaurusWord.objects.filter(pk=pk).first()
    if word is None:
        raise Http404("word")
    services.thesaurus_word_remove(actor=request.user, word=word)
    messages.success(request, _("Sözcük kaldırıldı."))
    return redirect("national:core:thesaurus")
