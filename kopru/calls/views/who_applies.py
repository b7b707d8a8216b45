"""The panel's who-applies table (``/<office>/panel/cagrilar/kimler-basvurur/``): the
office's own lines and the national defaults that matching reads, and one view per
change of an office line (add, change, remove)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.core.access import post_only, requires
from kopru.core.errors import ApplicationError
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from .. import matching, selectors, services
from ..forms import WhoAppliesRuleForm
from ..models import WhoAppliesRule
from ..permissions import access_who_applies_rule, can_edit_who_applies

FORM_TEMPLATE = "calls/panel_who_applies_form.html"


def _list_url(office_slug: str) -> str:
    return reverse("panel:calls:who_applies", kwargs={"office_slug": office_slug})


def who_applies_list(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """The table: the office's lines first, then the national defaults."""
    office = request.office
    return render(
        request,
        "calls/panel_who_applies.html",
        {
            **selectors.who_applies_overview(office),
            "can_edit": can_edit_who_applies(request.user, office),
        },
    )


@requires(can_edit_who_applies)
def who_applies_create(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """Add a line; ``?temel=<key>`` starts from a national line, to change it for the office."""
    base_key = request.GET.get("temel", "")
    base = matching.default_rule(base_key) if base_key else None
    if base_key and base is None:
        raise BadRequest("temel")
    initial = selectors.who_applies_rule_initial(base_key) if base is not None else None
    form = WhoAppliesRuleForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.who_applies_rule_create(
                office=request.office, data=form.cleaned_data, actor=request.user
            )
        except ApplicationError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("Satır eklendi; eşleştirme bundan sonra onu kullanır."))
            return redirect(_list_url(office_slug))
    base_title = (
        f"{matching.rule_title(base)} · {matching.rule_actions(base)}".strip(" ·") if base else ""
    )
    context = {"form": form, "rule": None, "base": base, "base_title": base_title}
    return render(request, FORM_TEMPLATE, context)


def who_applies_edit(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    rule = access_who_applies_rule(request.user, pk, for_="edit")
    form = WhoAppliesRuleForm(request.POST or None, instance=rule)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.who_applies_rule_update(
            rule=fresh_copy(rule), data=data, actor=request.user, expected_version=version
        ),
        template=FORM_TEMPLATE,
        context={"rule": rule, "base": None},
        success_url=_list_url(office_slug),
        success_message=_("Satır kaydedildi; eşleştirme bundan sonra onu kullanır."),
    )


@post_only(WhoAppliesRule)
def who_applies_remove(request: OfficeRequest, office_slug: str, pk: int) -> HttpResponse:
    rule = access_who_applies_rule(request.user, pk, for_="edit")
    services.who_applies_rule_remove(rule=rule, actor=request.user)
    messages.success(request, _("Satır kaldırıldı; bu çağrılarda ulusal tablo geçerli."))
    return redirect(_list_url(office_slug))
