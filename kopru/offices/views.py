from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from kopru.accounts.http import OfficeRequest
from kopru.accounts.permissions import can_coordinate_office
from kopru.core import mywork, sitesearch
from kopru.core.access import requires
from kopru.core.audit import history_for
from kopru.core.calendars import combined_calendar, ics_response
from kopru.core.models import AuditEntry
from kopru.core.registry import ConsentNotice, SitemapSection, registry
from kopru.core.viewmixins import fresh_copy, handle_versioned_form

from . import selectors, services
from .forms import HomeLayoutForm, OfficeForm


def landing(request: HttpRequest) -> HttpResponse:
    """The national landing page: every office."""
    return render(request, "offices/landing.html", {"offices": selectors.office_list()})


def office_home(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    sections = []
    for block in selectors.home_layout(office):
        if not block.shown:
            continue
        # Each block is rendered with its own context, so apps need not know how the
        # home page is assembled (a featuring block reads office.home_featured itself).
        context = block.section.context(request, office)
        html = render_to_string(
            block.section.template,
            {**context, "section": context, "office": office},
            request=request,
        )
        sections.append(html)
    return render(
        request,
        "offices/home.html",
        {"office": office, "sections": sections, "staff": selectors.office_staff(office)},
    )


def office_about(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The office's history and aims (the full description), its team."""
    office = request.office  # type: ignore[attr-defined]
    return render(
        request,
        "offices/about.html",
        {"office": office, "staff": selectors.office_staff(office)},
    )


def office_privacy(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The KVKK privacy notice (aydınlatma metni), made from the forms' own consent texts."""
    office = request.office  # type: ignore[attr-defined]
    notices = [
        {"notice": n, "text": str(import_string(n.text))} for n in registry.of(ConsentNotice)
    ]
    return render(request, "offices/privacy.html", {"office": office, "notices": notices})


def office_accessibility(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    return render(request, "offices/accessibility.html", {"office": office})


def office_sitemap(request: HttpRequest, office_slug: str) -> HttpResponse:
    """``sitemap.xml`` of the office's public pages (lists, items the apps declare)."""
    office = request.office  # type: ignore[attr-defined]
    base = f"{request.scheme}://{request.get_host()}"
    kwargs = {"office_slug": office.slug}
    entries: list[tuple[str, object]] = [
        (reverse(name, kwargs=kwargs), None)
        for name in (
            "public:offices:home",
            "public:offices:about",
            "public:offices:privacy",
            "public:offices:accessibility",
        )
    ]
    entries += [(reverse(item.url_name, kwargs=kwargs), None) for item in registry.public_menu]
    for section in registry.of(SitemapSection):
        entries += section.entries(office)
    seen: set[str] = set()
    unique = []
    for path, modified in entries:
        if path not in seen:
            seen.add(path)
            unique.append((base + path, modified))
    return render(
        request,
        "offices/sitemap.xml",
        {"entries": unique},
        content_type="application/xml; charset=utf-8",
    )


def office_search(request: HttpRequest, office_slug: str) -> HttpResponse:
    """``/<office>/ara/?q=&tur=``: the office's published records of every kind that
    declares a search provider, grouped by kind (or one kind's, ``tur``)."""
    office = request.office  # type: ignore[attr-defined]
    query = sitesearch.parse_query(request.GET)
    here = reverse("public:offices:search", kwargs={"office_slug": office.slug})
    groups: list[dict[str, Any]] = []
    empty: list[dict[str, Any]] = []
    if query.ok:
        limit = sitesearch.KIND_LIMIT if query.kind else sitesearch.PER_KIND
        for group in sitesearch.run(office, query.text, kind=query.kind, limit=limit):
            provider = group.provider
            if provider.list_url_name:
                see_all = reverse(provider.list_url_name, kwargs={"office_slug": office.slug})
                see_all += "?" + urlencode({provider.query_param: query.text})
            else:
                see_all = here + "?" + urlencode({"q": query.text, "tur": provider.key})
            entry = {
                "key": provider.key,
                "label": provider.label,
                "count": group.hits.count,
                "items": group.hits.items,
                "see_all": see_all,
                "more": group.hits.count > len(group.hits.items),
                "see_all_is_list": bool(provider.list_url_name) and not query.kind,
            }
            (groups if group.hits.count else empty).append(entry)
    kinds = [(p.key, p.label) for p in sitesearch.providers()]
    return render(
        request,
        "offices/search.html",
        {
            "office": office,
            "query": query,
            "groups": groups,
            "empty": empty,
            "total": sum(g["count"] for g in groups),
            "kinds": kinds,
            "kind_label": dict(kinds).get(query.kind, ""),
            "all_url": here + "?" + urlencode({"q": query.text}),
            "max_query": sitesearch.MAX_QUERY,
        },
    )


def office_calendar(request: HttpRequest, office_slug: str) -> HttpResponse:
    """The office's combined public calendar: every app's declared events (trainings,
    board meetings, youth deadlines, ...) in one feed to subscribe to."""
    office = request.office  # type: ignore[attr-defined]
    name = _("{office}: takvim").format(office=office.name)
    return ics_response(combined_calendar(office, name), "takvim.ics")


def panel_home(request: HttpRequest, office_slug: str) -> HttpResponse:
    office = request.office  # type: ignore[attr-defined]
    figures = []
    for fn in registry.panel_figures:
        figures.extend(fn(office))
    recent = AuditEntry.objects.filter(office=office).select_related("actor")[:15]
    # "My work": what each app asks of the signed-in user (kopru.core.mywork).
    work = mywork.collect(request.user, office)
    for group in work:
        group.list_url = (
            reverse(group.list_url_name, kwargs={"office_slug": office.slug})
            if group.list_url_name
            else ""
        )
    return render(
        request,
        "offices/panel_home.html",
        {
            "office": office,
            "work": work,
            "work_overdue": sum(g.overdue for g in work),
            "figures": figures,
            "recent": recent,
            "staff": selectors.office_staff(office),
            "can_edit": can_coordinate_office(request.user, office),
        },
    )


@requires(can_coordinate_office)
def panel_office_edit(request: OfficeRequest, office_slug: str) -> HttpResponse:
    office = request.office
    form = OfficeForm(request.POST or None, instance=office)
    return handle_versioned_form(
        request,
        form=form,
        save=lambda data, version: services.office_update(
            office=fresh_copy(office), data=data, actor=request.user, expected_version=version
        ),
        template="offices/panel_office_form.html",
        context={"office": office, "history": history_for(office)[:5]},
        success_url=reverse("panel:offices:home", kwargs={"office_slug": office.slug}),
        success_message=_("Ofis bilgileri kaydedildi."),
    )


def panel_home_layout(request: OfficeRequest, office_slug: str) -> HttpResponse:
    """The staff choose the public home's blocks, their order and the featured items."""
    office = request.office
    form = HomeLayoutForm(request.POST or None, office=office, blocks=selectors.home_layout(office))
    return handle_versioned_form(
        request,
        form=form,
        data=lambda: {"layout": form.layout()},
        save=lambda data, version: services.office_home_layout_update(
            office=fresh_copy(office),
            layout=data["layout"],
            actor=request.user,
            expected_version=version,
        ),
        template="offices/panel_home_layout.html",
        context={"office": office},
        success_url=reverse("panel:offices:home_layout", kwargs={"office_slug": office.slug}),
        success_message=_("Ana sayfa düzeni kaydedildi."),
    )
