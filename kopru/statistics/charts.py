"""Charts drawn on the server as SVG: one definition for the page and the PDF.

WeasyPrint runs no JavaScript and the pages' CSP forbids inline styles, so a chart is
plain SVG markup made here, coloured with SVG *presentation attributes* (``fill``,
``stroke``: not ``style``) and classes, and followed by its data table (for screen
readers and for copying). The same call renders in an HTML page and in a WeasyPrint
document.

Defining a chart::

    from kopru.statistics.charts import Chart, Series, render

    chart = Chart(
        id="projects-by-stage",                      # unique on the page (element ids)
        kind="bar",                                  # bar | hbar | line | donut | stacked
        title="Aşamaya göre projeler",
        description="2025 ve 2024 karşılaştırması",  # optional, read with the title
        labels=["Fikir", "Başvuruldu", "Kabul edildi"],
        series=[Series("2025", [4, 7, 3]), Series("2024", [2, 5, 1])],
        links=["?stage=idea", "?stage=submitted", None],  # optional drill-down per label
        unit="proje", label_heading="Aşama", decimals=0,
    )
    render(chart)              # <figure>: the SVG and a <details> with the data table
    render(chart, table="open")   # the table shown (PDF, print)
    render(chart, table="none")   # the SVG alone (a table is printed elsewhere)
    render_svg(chart), render_table(chart)   # the two parts

In templates: ``{% load kopru_charts %}{% chart chart %}`` (``{% chart chart table="open" %}``).

Kinds: ``bar`` (vertical, several series side by side: current and previous period),
``hbar`` (horizontal, for long labels such as programme names; several series side by
side), ``line`` (a trend over the labels, one line per series), ``donut`` (shares of the
first series, with a legend giving values and %), ``stacked`` (vertical bars, the series
stacked). Values may be ``None`` (no data: nothing drawn, "—" in the table).

Accessibility: the ``<svg>`` has ``role="img"`` and ``aria-labelledby`` its ``<title>``
and ``<desc>`` (the description says the table below holds the data); a chart with
drill-down links is ``role="group"`` instead, because its bars are links (each with an
``aria-label`` "label: value"), which an image may not contain. The table repeats the
links. Colours have at least 3:1 contrast on white and the series are also told apart
by the legend's order and the table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Literal

from django.utils.formats import number_format
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

ChartKind = Literal["bar", "hbar", "line", "donut", "stacked"]

# Accessible on white (contrast ≥ 3:1), told apart in print and by colour-blind readers.
PALETTE = (
    "#1f5f8b",  # blue
    "#a35200",  # orange-brown
    "#2e7d32",  # green
    "#8b1f5f",  # purple
    "#555555",  # grey
    "#b71c1c",  # red
    "#00695c",  # teal
    "#5b3e96",  # violet
)
TEXT = "#212529"
MUTED = "#6c757d"
GRID = "#dee2e6"
FONT = "system-ui, -apple-system, 'Segoe UI', 'DejaVu Sans', Arial, sans-serif"

WIDTH = 560


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | int | None]


@dataclass(frozen=True)
class Chart:
    id: str
    kind: ChartKind
    title: str
    labels: Sequence[str]
    series: Sequence[Series]
    description: str = ""
    links: Sequence[str | None] = field(default_factory=tuple)
    unit: str = ""
    label_heading: str = ""
    decimals: int = 0

    @property
    def empty(self) -> bool:
        return not self.labels or all(not v for s in self.series for v in s.values if v is not None)


def fmt(value: float | int | Decimal | None, decimals: int = 0) -> str:
    """A number in the active language's format (1.690 / 1,690; "—" for none), rounded
    half up to ``decimals`` (Django's ``number_format`` cuts: 66.67 would read 66,6)."""
    if value is None:
        return "—"
    exact = Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(exact, decimal_pos=decimals, use_l10n=True, force_grouping=True)


# Abbreviations of large axis values, in the page's language ("1,5 mn" / "1.5M").
_SCALES = (
    (10**9, gettext_lazy("{n} mr")),
    (10**6, gettext_lazy("{n} mn")),
    (10**3, gettext_lazy("{n} bin")),
)


def axis_fmt(value: float, decimals: int = 0, *, digits: int = 3) -> str:
    """A label that stays short: from 10,000 up "250 bin" / "250k", "1,5 mn" / "1.5M",
    "12,5 mn", "2 mr" / "2bn" (at most ``digits`` significant digits, no trailing
    zeros: "1,96 mn" on a bar); below, the number with its separators ("7.500")."""
    if abs(value) >= 10_000:
        for size, text in _SCALES:
            if abs(value) >= size:
                scaled = value / size
                most = max(0, digits - len(str(int(abs(scaled)))))
                # no trailing zeros: 1,5 mn, not 1,50 mn
                places = next(p for p in range(most + 1) if round(scaled, p) == round(scaled, most))
                return str(text).format(n=fmt(scaled, places))
    return fmt(value, decimals)


def bar_fmt(value: float, decimals: int = 0) -> str:
    """The figure written beside a bar (the exact one is in its title and the table)."""
    return axis_fmt(value, decimals)


def _nice_max(value: float) -> float:
    if value <= 0:
        return 1
    exponent = math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        candidate = step * 10**exponent
        if candidate >= value:
            return candidate
    return 10 ** (exponent + 1)


def _ticks(top: float, decimals: int = 0) -> list[float]:
    """Grid lines from 0 to ``top``: whole numbers when the values are whole."""
    count = 4
    if decimals == 0:
        count = next((n for n in (4, 5, 2, 1) if top % n == 0 and top / n >= 1), 4)
        if top < 4:
            count = max(int(top), 1)
    return [top * i / count for i in range(count + 1)]


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _colour(i: int) -> str:
    return PALETTE[i % len(PALETTE)]


def _link(chart: Chart, i: int) -> str | None:
    return chart.links[i] if i < len(chart.links) else None


def _wrap_link(inner: str, href: str | None, label: str) -> str:
    if not href:
        return inner
    return str(format_html('<a href="{}" aria-label="{}">{}</a>', href, label, mark_safe(inner)))


def _text(
    x: float,
    y: float,
    content: str,
    *,
    anchor: str = "start",
    size: int = 13,
    fill: str = TEXT,
    extra: str = "",
) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" '
        f'fill="{fill}"{extra}>{escape(content)}</text>'
    )


def _legend(chart: Chart, y: float) -> tuple[str, float]:
    if len(chart.series) < 2:
        return "", y
    parts, x = [], 8.0
    for i, s in enumerate(chart.series):
        parts.append(
            f'<rect x="{x:.1f}" y="{y - 10:.1f}" width="12" height="12" fill="{_colour(i)}"/>'
        )
        parts.append(_text(x + 16, y, s.name))
        x += 28 + 7 * len(s.name)
    return "".join(parts), y + 10


def _axis_labels(top: float, decimals: int) -> list[tuple[float, str]]:
    return [(tick, axis_fmt(tick, decimals if top < 10 else 0)) for tick in _ticks(top, decimals)]


def _axis_left(labels: list[tuple[float, str]]) -> float:
    """The plot's left edge: room for the longest value label (13 px digits ≈ 7.5 px)."""
    longest = max((len(text) for _tick, text in labels), default=1)
    return max(56.0, 14.0 + 7.5 * longest)


def _value_axis(
    labels: list[tuple[float, str]], top: float, left: float, right: float, y0: float, height: float
) -> str:
    out = []
    for tick, text in labels:
        y = y0 - height * tick / top
        out.append(
            f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        out.append(_text(left - 6, y + 4, text, anchor="end", size=13, fill=MUTED))
    return "".join(out)


def _bars(chart: Chart) -> tuple[str, int]:
    """Vertical bars: grouped (``bar``) or stacked (``stacked``)."""
    n = len(chart.labels)
    stacked = chart.kind == "stacked"
    legend, top_y = _legend(chart, 16)
    if stacked:
        peak = max(
            (
                sum(v or 0 for v in col)
                for col in zip(*(s.values for s in chart.series), strict=False)
            ),
            default=0,
        )
    else:
        peak = max((v or 0 for s in chart.series for v in s.values), default=0)
    top = _nice_max(float(peak))
    ticks = _axis_labels(top, chart.decimals)
    left, right, plot_top = _axis_left(ticks), WIDTH - 12.0, top_y + 12
    rotate = n > 6 or max((len(lab) for lab in chart.labels), default=0) * 7 > (right - left) / max(
        n, 1
    )
    bottom = 96.0 if rotate else 40.0
    height = 300.0
    y0 = plot_top + height
    out = [_value_axis(ticks, top, left, right, y0, height)]
    slot = (right - left) / max(n, 1)
    k = len(chart.series)
    bar_w = slot * 0.7 / (1 if stacked else k)
    for i, label in enumerate(chart.labels):
        x_slot = left + slot * i + slot * 0.15
        base = y0
        for j, s in enumerate(chart.series):
            value = s.values[i] if i < len(s.values) else None
            if value is None:
                continue
            h = height * float(value) / top
            x = x_slot if stacked else x_slot + j * bar_w
            y = (base - h) if stacked else (y0 - h)
            rect = (
                f'<rect class="kc-bar" x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" '
                f'height="{max(h, 0):.1f}" fill="{_colour(j)}"><title>{escape(label)} · '
                f"{escape(s.name)}: {escape(fmt(value, chart.decimals))}</title></rect>"
            )
            if not stacked and n * k <= 24 and value:
                rect += _text(
                    x + bar_w / 2,
                    y - 4,
                    bar_fmt(value, chart.decimals),
                    anchor="middle",
                    size=13,
                    fill=MUTED,
                )
            href = _link(chart, i) if j == 0 or stacked else None
            out.append(_wrap_link(rect, href, f"{label}: {fmt(value, chart.decimals)}"))
            if stacked:
                base -= h
        cx = left + slot * i + slot / 2
        if rotate:
            out.append(
                _text(
                    cx,
                    y0 + 14,
                    _short(label, 18),
                    anchor="end",
                    size=13,
                    extra=f' transform="rotate(-40 {cx:.1f} {y0 + 14:.1f})"',
                )
            )
        else:
            out.append(
                _text(cx, y0 + 18, _short(label, max(int(slot / 7), 4)), anchor="middle", size=13)
            )
    out.append(
        f'<line x1="{left:.1f}" x2="{right:.1f}" y1="{y0:.1f}" y2="{y0:.1f}" stroke="{MUTED}"/>'
    )
    return legend + "".join(out), int(y0 + bottom)


def _hbars(chart: Chart) -> tuple[str, int]:
    legend, top_y = _legend(chart, 16)
    k = len(chart.series)
    row_h = 14 * k + 16
    label_w, left, right = 200.0, 208.0, WIDTH - 50.0
    peak = max((v or 0 for s in chart.series for v in s.values), default=0)
    top = _nice_max(float(peak))
    out = []
    y = top_y + 8
    for i, label in enumerate(chart.labels):
        out.append(
            _text(
                label_w,
                y + row_h / 2 + 2,
                _short(label, 26),
                anchor="end",
                size=13,
            )
        )
        if len(label) > 26:
            out[-1] = out[-1].replace("</text>", f"<title>{escape(label)}</title></text>")
        for j, s in enumerate(chart.series):
            value = s.values[i] if i < len(s.values) else None
            if value is None:
                continue
            w = (right - left) * float(value) / top
            by = y + 6 + j * 14
            rect = (
                f'<rect class="kc-bar" x="{left:.1f}" y="{by:.1f}" width="{max(w, 0):.1f}" '
                f'height="13" fill="{_colour(j)}"><title>{escape(label)} · {escape(s.name)}: '
                f"{escape(fmt(value, chart.decimals))}</title></rect>"
            )
            if value:
                rect += _text(
                    left + w + 4, by + 11, bar_fmt(value, chart.decimals), size=13, fill=MUTED
                )
            href = _link(chart, i) if j == 0 else None
            out.append(_wrap_link(rect, href, f"{label}: {fmt(value, chart.decimals)}"))
        y += row_h
    out.append(
        f'<line x1="{left:.1f}" x2="{left:.1f}" y1="{top_y:.1f}" y2="{y:.1f}" stroke="{MUTED}"/>'
    )
    return legend + "".join(out), int(y + 8)


def _line(chart: Chart) -> tuple[str, int]:
    n = len(chart.labels)
    legend, top_y = _legend(chart, 16)
    peak = max((v or 0 for s in chart.series for v in s.values), default=0)
    top = _nice_max(float(peak))
    ticks = _axis_labels(top, chart.decimals)
    left, right, plot_top, height = _axis_left(ticks), WIDTH - 20.0, top_y + 12, 260.0
    y0 = plot_top + height
    out = [_value_axis(ticks, top, left, right, y0, height)]
    step = (right - left) / max(n - 1, 1)
    every = max(1, math.ceil(n / 12))
    for j, s in enumerate(chart.series):
        points = []
        for i, value in enumerate(s.values[:n]):
            if value is None:
                continue
            x = left + step * i if n > 1 else (left + right) / 2
            y = y0 - height * float(value) / top
            points.append((x, y, i, value))
        if len(points) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _i, _v in points)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{_colour(j)}" stroke-width="2.5"/>'
            )
        for x, y, i, value in points:
            dot = (
                f'<circle class="kc-point" cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{_colour(j)}">'
                f"<title>{escape(chart.labels[i])} · {escape(s.name)}: "
                f"{escape(fmt(value, chart.decimals))}</title></circle>"
            )
            href = _link(chart, i) if j == 0 else None
            out.append(_wrap_link(dot, href, f"{chart.labels[i]}: {fmt(value, chart.decimals)}"))
    for i, label in enumerate(chart.labels):
        if i % every == 0 or i == n - 1:
            x = left + step * i if n > 1 else (left + right) / 2
            out.append(_text(x, y0 + 18, _short(label, 10), anchor="middle", size=13))
    return legend + "".join(out), int(y0 + 32)


def _donut(chart: Chart) -> tuple[str, int]:
    values = [float(v or 0) for v in (chart.series[0].values if chart.series else [])]
    total = sum(values)
    cx, cy, r_out, r_in = 130.0, 130.0, 110.0, 62.0
    out = []
    angle = -math.pi / 2
    for i, value in enumerate(values):
        if value <= 0 or total <= 0:
            continue
        sweep = 2 * math.pi * value / total
        label = chart.labels[i]
        title = f"{label}: {fmt(value, chart.decimals)} ({fmt(100 * value / total, 1)} %)"
        if sweep >= 2 * math.pi - 1e-9:
            shape = (
                f'<circle cx="{cx}" cy="{cy}" r="{(r_out + r_in) / 2}" fill="none" '
                f'stroke="{_colour(i)}" stroke-width="{r_out - r_in}">'
                f"<title>{escape(title)}</title></circle>"
            )
        else:
            end = angle + sweep
            large = 1 if sweep > math.pi else 0
            p = [
                (cx + r_out * math.cos(angle), cy + r_out * math.sin(angle)),
                (cx + r_out * math.cos(end), cy + r_out * math.sin(end)),
                (cx + r_in * math.cos(end), cy + r_in * math.sin(end)),
                (cx + r_in * math.cos(angle), cy + r_in * math.sin(angle)),
            ]
            d = (
                f"M{p[0][0]:.2f},{p[0][1]:.2f} A{r_out},{r_out} 0 {large} 1 "
                f"{p[1][0]:.2f},{p[1][1]:.2f} L{p[2][0]:.2f},{p[2][1]:.2f} "
                f"A{r_in},{r_in} 0 {large} 0 {p[3][0]:.2f},{p[3][1]:.2f} Z"
            )
            shape = (
                f'<path class="kc-slice" d="{d}" fill="{_colour(i)}" stroke="#ffffff" '
                f'stroke-width="1.5"><title>{escape(title)}</title></path>'
            )
        out.append(_wrap_link(shape, _link(chart, i), title))
        angle += sweep
    out.append(
        _text(
            cx,
            cy + 6,
            fmt(total, chart.decimals),
            anchor="middle",
            size=20,
            extra=' font-weight="bold"',
        )
    )
    y = 24.0
    for i, label in enumerate(chart.labels):
        value = values[i] if i < len(values) else 0
        share = f" ({fmt(100 * value / total, 1)} %)" if total else ""
        out.append(f'<rect x="280" y="{y - 11:.1f}" width="12" height="12" fill="{_colour(i)}"/>')
        out.append(_text(298, y, f"{_short(label, 34)}: {fmt(value, chart.decimals)}{share}"))
        y += 22
    return "".join(out), int(max(270, y))


_DRAW = {"bar": _bars, "stacked": _bars, "hbar": _hbars, "line": _line, "donut": _donut}


def render_svg(chart: Chart) -> SafeString:
    """The chart's ``<svg>`` (no script, no ``style`` attribute)."""
    title_id, desc_id = f"{chart.id}-title", f"{chart.id}-desc"
    description = chart.description or _("Grafiğin verileri altındaki tabloda.")
    if chart.empty:
        body, height = (
            _text(WIDTH / 2, 40, _("Bu dönem için veri yok."), anchor="middle", fill=MUTED),
            64,
        )
    else:
        body, height = _DRAW[chart.kind](chart)
    role = "group" if any(chart.links) else "img"
    return mark_safe(  # every text in it is escaped above
        f'<svg xmlns="http://www.w3.org/2000/svg" class="kc-svg kc-{chart.kind}" role="{role}" '
        f'aria-labelledby="{escape(title_id)} {escape(desc_id)}" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" preserveAspectRatio="xMinYMin meet" font-family="{FONT}">'
        f'<title id="{escape(title_id)}">{escape(chart.title)}</title>'
        f'<desc id="{escape(desc_id)}">{escape(description)}</desc>'
        f"{body}</svg>"
    )


def render_table(chart: Chart, *, caption: bool = True) -> SafeString:
    """The chart's data as a table: one row per label, one column per series."""
    head = "".join(
        format_html('<th scope="col" class="text-end">{}</th>', s.name) for s in chart.series
    )
    if chart.kind == "donut" and chart.series:
        head += format_html('<th scope="col" class="text-end">{}</th>', "%")
    total = sum(float(v or 0) for v in chart.series[0].values) if chart.series else 0
    rows = []
    for i, label in enumerate(chart.labels):
        href = _link(chart, i)
        name = format_html('<a href="{}">{}</a>', href, label) if href else escape(label)
        cells = "".join(
            format_html(
                '<td class="text-end">{}</td>',
                fmt(s.values[i] if i < len(s.values) else None, chart.decimals),
            )
            for s in chart.series
        )
        if chart.kind == "donut" and chart.series:
            value = float(chart.series[0].values[i] or 0)
            cells += format_html(
                '<td class="text-end">{}</td>', fmt(100 * value / total, 1) if total else "—"
            )
        rows.append(format_html('<tr><th scope="row">{}</th>{}</tr>', name, mark_safe(cells)))
    cap = format_html("<caption>{}</caption>", chart.title) if caption else ""
    unit = format_html(' <span class="kc-unit">({})</span>', chart.unit) if chart.unit else ""
    return format_html(
        '<table class="table table-sm kc-table" id="{}-table">{}<thead><tr><th scope="col">{}{}'
        "</th>{}</tr></thead><tbody>{}</tbody></table>",
        chart.id,
        cap,
        chart.label_heading or _("Kalem"),
        unit,
        mark_safe(head),
        mark_safe("".join(str(r) for r in rows)),
    )


def render(chart: Chart, *, table: Literal["details", "open", "none"] = "details") -> SafeString:
    """The chart in a ``<figure>``: the SVG, then its data table (folded by default)."""
    svg = render_svg(chart)
    if table == "none":
        data = ""
    elif table == "open":
        data = str(render_table(chart))
    else:
        data = str(
            format_html(
                '<details class="kc-data"><summary>{}</summary><div class="table-responsive">{}'
                "</div></details>",
                _("Veri tablosu"),
                render_table(chart, caption=False),
            )
        )
    return format_html(
        '<figure class="kc-chart" id="{}"><figcaption class="kc-title">{}</figcaption>'
        "{}{}</figure>",
        chart.id,
        chart.title,
        svg,
        mark_safe(data),
    )
