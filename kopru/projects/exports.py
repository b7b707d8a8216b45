"""Spreadsheet, CSV and JSON exports of projects (formula cells neutralised)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.http import HttpResponse, StreamingHttpResponse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from kopru.core.scoping import unscoped_manager

from .models import Partner, Project, Stage

Column = tuple[str, Any, Callable[[Project], Any]]


def _partners(p: Project) -> str:
    # A partner whose country the source does not state has country "".
    return "; ".join(
        f"{x.name} ({x.country or '-'}, {x.role})"
        for x in p.prefetched_partners  # type: ignore[attr-defined]
    )


def _districts(p: Project) -> str:
    return ", ".join(d.name for d in p.districts.all())


def _num(value: Decimal | None) -> Any:
    return float(value) if value is not None else None


PUBLIC_COLUMNS: list[Column] = [
    ("id", _("Kimlik"), lambda p: p.pk),
    ("office", _("Ofis"), lambda p: p.office.slug),
    ("acronym", _("Kısaltma"), lambda p: p.acronym),
    ("title_tr", _("Başlık (Türkçe)"), lambda p: p.title_tr),
    ("title_en", _("Başlık (İngilizce)"), lambda p: p.title_en),
    ("summary_tr", _("Özet (Türkçe)"), lambda p: p.summary_tr),
    ("summary_en", _("Özet (İngilizce)"), lambda p: p.summary_en),
    ("owner", _("Yürütücü kurum"), lambda p: p.owner_display),
    ("programme", _("Program"), lambda p: p.programme),
    ("call_identifier", _("Çağrı"), lambda p: p.call_identifier),
    ("stage", _("Aşama"), lambda p: p.stage),
    ("stage_label", _("Aşama adı"), lambda p: str(Stage(p.stage).label)),
    ("start_date", _("Başlangıç"), lambda p: p.start_date.isoformat() if p.start_date else ""),
    ("end_date", _("Bitiş"), lambda p: p.end_date.isoformat() if p.end_date else ""),
    ("currency", _("Para birimi"), lambda p: p.currency),
    ("total_cost", _("Toplam bütçe"), lambda p: _num(p.total_cost)),
    ("grant_amount", _("Hibe"), lambda p: _num(p.grant_amount)),
    ("cofinancing_amount", _("Eş finansman"), lambda p: _num(p.cofinancing_amount)),
    ("exchange_rate", _("Kur (EUR/TRY)"), lambda p: _num(p.exchange_rate)),
    (
        "exchange_rate_date",
        _("Kur tarihi"),
        lambda p: p.exchange_rate_date.isoformat() if p.exchange_rate_date else "",
    ),
    ("districts", _("İlçeler"), _districts),
    ("sectors", _("Sektörler"), lambda p: ", ".join(p.sectors)),
    ("target_groups", _("Hedef gruplar"), lambda p: ", ".join(p.target_groups)),
    ("partners", _("Ortaklar"), _partners),
    ("results_tr", _("Sonuçlar"), lambda p: p.results_tr),
    ("source", _("Kaynak"), lambda p: p.source),
    ("source_id", _("Kaynak kimliği"), lambda p: p.source_id),
    ("source_url", _("Kaynak adresi"), lambda p: p.source_url),
]
STAFF_COLUMNS: list[Column] = [
    *PUBLIC_COLUMNS,
    ("reference", _("Program referansı"), lambda p: p.reference),
    ("is_published", _("Yayımlandı"), lambda p: p.is_published),
    ("staff_notes", _("Ofis notları"), lambda p: p.staff_notes),
    (
        "stage_changed_at",
        _("Aşama tarihi"),
        lambda p: p.stage_changed_at.isoformat() if p.stage_changed_at else "",
    ),
    (
        "last_update_at",
        _("Son güncelleme"),
        lambda p: p.last_update_at.isoformat() if p.last_update_at else "",
    ),
]

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet will run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def export_rows(qs: QuerySet[Project], columns: list[Column]) -> Iterator[list[Any]]:
    qs = qs.select_related("owner", "office").prefetch_related("districts")
    projects = list(qs)
    partners: dict[int, list[Partner]] = {}
    # One query for the partners of every project read above (through the scope).
    rows = unscoped_manager(Partner, reason="the partners of the projects read above")
    for partner in rows.filter(project_id__in=[p.pk for p in projects]).order_by("position", "id"):
        partners.setdefault(partner.project_id, []).append(partner)
    for p in projects:
        p.prefetched_partners = partners.get(p.pk, [])  # type: ignore[attr-defined]
        yield [fn(p) for _key, _label, fn in columns]


def xlsx_bytes(rows: Iterable[list[Any]], header: list[str]) -> bytes:
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("projeler")
    ws.append(header)
    for row in rows:
        ws.append([neutralise(v) for v in row])
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def xlsx_response(qs: QuerySet[Project], columns: list[Column], filename: str) -> HttpResponse:
    header = [str(label) for _key, label, _fn in columns]
    response = HttpResponse(
        xlsx_bytes(export_rows(qs, columns), header),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(qs: QuerySet[Project], columns: list[Column], filename: str) -> Any:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff" + writer.writerow([key for key, _label, _fn in columns])
        for row in export_rows(qs, columns):
            yield writer.writerow([neutralise("" if v is None else v) for v in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def json_response(qs: QuerySet[Project], columns: list[Column], filename: str) -> HttpResponse:
    keys = [key for key, _label, _fn in columns]
    data = [dict(zip(keys, row, strict=True)) for row in export_rows(qs, columns)]
    response = HttpResponse(
        json.dumps({"count": len(data), "results": data}, ensure_ascii=False),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
