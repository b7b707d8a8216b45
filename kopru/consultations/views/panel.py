"""The office's consultation pages: create and edit, sections, publish, contributions
(moderation and reasoned answers), publish the answers, the report."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only
from kopru.core.errors import ApplicationError
from kopru.core.lists import paged_list
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import report, selectors, services
from ..forms import AnswerForm, ConsultationForm, ModerationForm, SectionForm
from ..models import Consultation, Contribution
from ..permissions import access_consultation, access_contribution, access_section


def _url(name: str, office_slug: str, pk: int) -> str:
    return reverse(f"panel:consultations:{name}", kwargs={"office_slug": office_slug, "pk": pk})


def _add_errors(form: Any, exc: ApplicationError) -> None:
    fields = exc.extra.get("fields") or {}
    for field, message in fields.items():
        form.add_error(field if field in form.fields else None, message)
    if not fields:
        form.add_error(None, exc.message)


def panel_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    listing = paged_list(
        request, selectors.managed_consultations(), sorts=selectors.PANEL_SORTS, default="-period"
    )
    return render(
        request, "consultations/panel_list.html", {"page": listing.page, "listing": listing}
    )


def panel_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    form = ConsultationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.consultation_create(
                office=request.office, data=form.changed_data_dict(), actor=request.user
            )
        except ApplicationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("İstişare taslağı oluşturuldu; bölümleri ekleyin."))
            return redirect(_url("detail", office_slug, consultation.pk))
    status = 400 if request.method == "POST" else 200
    return render(request, "consultations/panel_form.html", {"form": form}, status=status)


def panel_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request.user, pk)
    form = ConsultationForm(request.POST or None, instance=fresh_copy(consultation))

    def save(data: dict[str, Any], version: int | None) -> None:
        services.consultation_update(
            consultation=consultation, data=data, actor=request.user, expected_version=version
        )

    return handle_versioned_form(
        request,
        form=form,
        save=save,
        template="consultations/panel_form.html",
        context={"consultation": consultation},
        success_url=_url("detail", office_slug, consultation.pk),
        success_message=_("İstişare güncellendi."),
    )


def panel_detail(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request.user, pk)
    return render(
        request,
        "consultations/panel_detail.html",
        {
            "consultation": consultation,
            "sections": selectors.sections_of(consultation),
            "figures": selectors.participation(consultation),
            "section_form": SectionForm(
                initial={"number": len(selectors.sections_of(consultation)) + 1}
            ),
        },
    )


def _action(request: OfficeRequest, target: str, run: Callable[[], Any], done: str) -> HttpResponse:
    try:
        run()
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(target)


@post_only(Consultation)
def panel_publish(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request.user, pk)
    return _action(
        request,
        _url("detail", office_slug, pk),
        lambda: services.consultation_publish(consultation=consultation, actor=request.user),
        _("İstişare yayımlandı."),
    )


@post_only(Consultation)
def panel_publish_answers(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request.user, pk)
    return _action(
        request,
        _url("detail", office_slug, pk),
        lambda: services.consultation_publish_answers(
            consultation=consultation, actor=request.user
        ),
        _("Yanıtlar ve son metin yayımlandı."),
    )


@post_only(Consultation)
def panel_section_add(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request.user, pk)
    form = SectionForm(request.POST)

    def run() -> None:
        if not form.is_valid():
            raise ApplicationError(_("Bölümün sırasını, başlığını ve taslak metnini girin."))
        services.section_save(consultation=consultation, data=form.cleaned_data, actor=request.user)

    return _action(request, _url("detail", office_slug, pk), run, _("Bölüm eklendi."))


def panel_section_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    section = access_section(request.user, pk)
    initial = {
        name: getattr(section, name)
        for name in ("number", "heading_tr", "heading_en", "body_tr", "body_en")
    } | {"final_tr": section.final_tr, "final_en": section.final_en}
    form = SectionForm(request.POST or None, initial=initial)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                services.section_save(
                    consultation=section.consultation,
                    section=section,
                    data=form.cleaned_data,
                    actor=request.user,
                )
            except ApplicationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("Bölüm kaydedildi."))
                return redirect(_url("detail", office_slug, section.consultation_id))
    return render(
        request,
        "consultations/panel_section.html",
        {"section": section, "consultation": section.consultation, "form": form},
        status=status,
    )


def panel_contributions(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request.user, pk)
    raw = request.GET.get("bolum", "")
    if raw and (not raw.isdigit() or len(raw) > 9):
        raise BadRequest("bolum")
    waiting = request.GET.get("bekleyen") == "1"
    qs = selectors.managed_contributions(
        consultation, section_id=int(raw) if raw else None, waiting=waiting
    )
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(
        request,
        "consultations/panel_contributions.html",
        {
            "consultation": consultation,
            "sections": selectors.sections_of(consultation),
            "page": page,
            "section_id": int(raw) if raw else None,
            "waiting": waiting,
            "answer_form": AnswerForm(),
            "moderation_form": ModerationForm(),
        },
    )


def _back(request: OfficeRequest, contribution: Contribution) -> str:
    url = _url("contributions", request.office.slug, contribution.consultation_id)
    return f"{url}#katki-{contribution.pk}"


@post_only(Contribution)
def panel_answer(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    contribution = access_contribution(request.user, pk)
    form = AnswerForm(request.POST)

    def run() -> None:
        if not form.is_valid():
            raise ApplicationError(_("Yanıtı seçin ve gerekçesini yazın."))
        services.contribution_answer(
            contribution=contribution,
            outcome=form.cleaned_data["outcome"],
            answer_tr=form.cleaned_data["answer_tr"],
            answer_en=form.cleaned_data.get("answer_en") or "",
            actor=request.user,
        )

    return _action(request, _back(request, contribution), run, _("Yanıt kaydedildi."))


@post_only(Contribution)
def panel_hide(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    contribution = access_contribution(request.user, pk)
    reason = request.POST.get("reason", "")
    return _action(
        request,
        _back(request, contribution),
        lambda: services.contribution_moderate(
            contribution=contribution, hide=True, reason=reason, actor=request.user
        ),
        _("Katkı gizlendi."),
    )


@post_only(Contribution)
def panel_restore(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    contribution = access_contribution(request.user, pk)
    return _action(
        request,
        _back(request, contribution),
        lambda: services.contribution_moderate(
            contribution=contribution, hide=False, reason="", actor=request.user
        ),
        _("Katkı yeniden yayında."),
    )


def panel_report(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    consultation = access_consultation(request.user, pk)
    return report.pdf_response(consultation, public=False)
