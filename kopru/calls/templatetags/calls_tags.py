from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timeuntil
from django.utils.translation import gettext as _

from kopru.calls.models import Status, choice_label
from kopru.core.i18n import CONTENT_LANGUAGES, current_language, localized_marked
from kopru.core.zones import zoned

register = template.Library()


def _query_lists(request: Any) -> list[tuple[str, list[str]]]:
    """The request's query as (key, values) pairs, read once per request."""
    lists = getattr(request, "_calls_query_lists", None)
    if lists is None:
        lists = [(k, list(vs)) for k, vs in request.GET.lists()]
        request._calls_query_lists = lists
    return lists


@register.simple_tag(takes_context=True)
def facet_toggle(context: dict[str, Any], key: str, value: str) -> str:
    """The current query with ``key=value`` added (or removed if present), page reset.

    The same as copying ``request.GET``, toggling the value, dropping ``page`` and
    calling ``urlencode()``, without a deep copy of the query for every facet link.
    """
    pairs: list[tuple[str, list[str]]] = []
    found = False
    for k, values in _query_lists(context["request"]):
        if k == "page":
            continue
        if k == key:
            found = True
            values = list(values)
            if value in values:
                values.remove(value)
            else:
                values.append(value)
        pairs.append((k, values))
    if not found and key != "page":
        pairs.append((key, [value]))
    return "?" + urlencode([(k, v) for k, values in pairs for v in values])


# -- the catalogue's result cards and facet lists -------------------------------------------
#
# A catalogue page shows 20 cards and up to nine facet lists of a dozen links: through
# the template engine that is over a thousand nodes, most of a search's rendering time
# (see bench/calls_search.py). These two tags write the same markup directly, each
# text escaped, each label translated.

_STATUS_BADGE = {"open": "text-bg-success", "forthcoming": "text-bg-info"}
_PK_SENTINEL = 987654321


@register.simple_tag(takes_context=True)
def call_cards(context: Any, calls: Any) -> SafeString:
    """The ``<li>`` cards of a page of calls (``now``: the context's, as the counts')."""
    now = context.get("now") or timezone.now()
    sample = reverse(
        "public:calls:detail",
        kwargs={"office_slug": context["current_office"].slug, "pk": _PK_SENTINEL},
    )
    url_head, url_tail = sample.split(str(_PK_SENTINEL), 1)
    text = {
        "priority": _("Ofis önceliği"),
        "deadline": _("Son başvuru"),
        "none": _("Son tarih belirtilmemiş"),
    }
    out = []
    for call in calls:
        status = call.status_at(now)
        badges = [
            format_html(
                '<span class="badge {}">{}</span>',
                _STATUS_BADGE.get(status, "text-bg-secondary"),
                choice_label(Status, status),
            ),
            format_html(
                '<span class="badge text-bg-light border">{}</span>', call.get_level_display()
            ),
            format_html(
                '<span class="badge text-bg-light border">{}</span>',
                call.get_instrument_display(),
            ),
        ]
        if call.has_priority_group:
            badges.append(
                format_html(
                    '<span class="badge text-bg-warning"><i class="bi bi-star-fill"'
                    ' aria-hidden="true"></i> {}</span>',
                    text["priority"],
                )
            )
        if call.programme:
            badges.append(
                format_html('<span class="text-body-secondary">{}</span>', call.programme)
            )
        deadline = call.next_deadline
        if deadline:
            local = timezone.localtime(deadline)
            when = format_html(
                '<i class="bi bi-calendar-event" aria-hidden="true"></i> {}: <time datetime="{}">'
                "{}</time>",
                text["deadline"],
                local.isoformat(),
                zoned(deadline),
            )
            if status == "open":
                left = _("%(t)s kaldı") % {"t": timeuntil(deadline, now)}
                when = format_html("{} · {}", when, left)
        else:
            when = conditional_escape(text["none"])
        out.append(
            format_html(
                '<li class="card mb-3 call-card">\n  <div class="card-body">\n'
                '    <h3 class="h5 card-title"><a href="{}{}{}">{}</a></h3>\n'
                '    <p class="mb-2 small">\n      {}\n    </p>\n'
                '    <p class="mb-0 small">{}</p>\n  </div>\n</li>\n',
                url_head,
                call.pk,
                url_tail,
                localized_marked(call, "title"),
                mark_safe("\n      ".join(badges)),
                when,
            )
        )
    return mark_safe("".join(out))


@register.simple_tag(takes_context=True)
def facet_sections(context: Any, facets: Any) -> SafeString:
    """The facet lists: ``facets`` is a list of (key, title, values)."""
    selected_hint = _("seçili, kaldırmak için tıklayın")
    out = []
    for key, title, values in facets:
        links = []
        for fv in values:
            if not (fv.count or fv.selected):
                continue
            if fv.selected:
                icon = mark_safe('<i class="bi bi-check2-square" aria-hidden="true"></i>')
                label = format_html(
                    '{}<span class="visually-hidden"> ({})</span>', fv.label, selected_hint
                )
            else:
                icon = mark_safe('<i class="bi bi-square" aria-hidden="true"></i>')
                label = conditional_escape(fv.label)
            links.append(
                format_html(
                    '<li><a class="d-flex justify-content-between text-decoration-none'
                    ' facet-link{}" href="{}"{}><span>{} {}</span><span class="badge'
                    ' text-bg-light border align-self-start ms-2">{}</span></a></li>',
                    " fw-bold" if fv.selected else "",
                    facet_toggle(context, key, fv.value),
                    mark_safe(' aria-current="true"') if fv.selected else "",
                    icon,
                    label,
                    localize(fv.count),
                )
            )
        out.append(
            format_html(
                '<section class="mb-3 facet" aria-labelledby="facet-{}">\n'
                '  <h3 class="h6" id="facet-{}">{}</h3>\n'
                '  <ul class="list-unstyled small mb-0">\n  {}\n  </ul>\n</section>\n',
                key,
                key,
                title,
                mark_safe("\n  ".join(links)),
            )
        )
    return mark_safe("".join(out))


_BLOCK_TAG = re.compile(r"<(/?)(p|ul|ol)\b[^>]*>", re.I)


def _blocks(html: str) -> list[str]:
    """The top-level paragraphs and lists of a sanitised summary."""
    out: list[str] = []
    depth, start = 0, 0
    for m in _BLOCK_TAG.finditer(html):
        closing = bool(m.group(1))
        if not closing:
            if depth == 0 and html[start : m.start()].strip():
                out.append(html[start : m.start()].strip())
            if depth == 0:
                start = m.start()
            depth += 1
        else:
            depth = max(depth - 1, 0)
            if depth == 0:
                out.append(html[start : m.end()])
                start = m.end()
    if html[start:].strip():
        out.append(html[start:].strip())
    return out


@register.simple_tag
def summary_parts(call: Any, lead_blocks: int = 2, lead_chars: int = 700) -> dict[str, Any]:
    """A call's summary for its page: the first paragraphs, the rest ("read more"), and
    its language when it is not the page's (``lang`` and the "İngilizce metin" label)."""
    page = current_language()
    text, lang = "", page
    for code in (page, *(c for c in CONTENT_LANGUAGES if c != page)):
        value = getattr(call, f"summary_{code}", "") or ""
        if value:
            text, lang = value, code
            break
    blocks = _blocks(text)
    lead: list[str] = []
    size = 0
    for block in blocks:
        if lead and (len(lead) >= lead_blocks or size + len(block) > lead_chars):
            break
        lead.append(block)
        size += len(block)
    rest = blocks[len(lead) :]
    return {
        "lead": mark_safe("".join(lead)),
        "more": mark_safe("".join(rest)),
        "lang": lang,
        "other_language": lang != page,
        "empty": not text,
    }


@register.simple_tag
def title_lang(call: Any) -> str:
    """The language of the title a page shows, if it is not the page's ("" otherwise)."""
    page = current_language()
    if getattr(call, f"title_{page}", None):
        return ""
    for code in CONTENT_LANGUAGES:
        if code != page and getattr(call, f"title_{code}", None):
            return code
    return ""
