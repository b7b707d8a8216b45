"""The report of an import: counts, every bad row with its position and reason, notes;
any bad row makes the import raise :class:`ImportRejected`, having written nothing."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext, pgettext, pgettext_lazy

from kopru.core.errors import ApplicationError
from kopru.core.scoping import unscoped_manager

POSITIONS = {
    "line": pgettext_lazy("position in a text file", "satır {n}"),
    "record": pgettext_lazy("position in a list of projects", "kayıt {n}"),
    "row": pgettext_lazy("position in a spreadsheet", "satır {n}"),
}
_POSITION = re.compile(r"(line|record|row) ([0-9]+)(?: \(sheet '(.*)'\))?")


def position_label(position: Any) -> Any:
    """A parser's position (``"line 14"``, ``"file"``, ``"row 3 (sheet 'X')"``) in the
    active language; anything else as it is."""
    if position == "file":
        return pgettext("position: the file as a whole", "dosya")
    found = _POSITION.fullmatch(position) if isinstance(position, str) else None
    if found is None:
        return position
    label = str(POSITIONS[found[1]]).format(n=int(found[2]))
    return label if found[3] is None else f"{found[3]} · {label}"


@dataclass
class ImportReport:
    format: str = ""
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    LABELS: ClassVar[tuple[tuple[str, Any], ...]] = (
        ("created", gettext_lazy("Oluşturulan")),
        ("updated", gettext_lazy("Güncellenen")),
        ("unchanged", gettext_lazy("Değişmeyen")),
    )

    def error(self, position: Any, reason: Any, **extra: Any) -> None:
        self.errors.append({"position": position_label(position), "reason": str(reason), **extra})

    def cell_error(self, sheet: str, row: int | None, column: str, reason: Any) -> None:
        """A bad cell (row, sheet) of a workbook: ``kurumlar · satır 3 · tur``."""
        place = [sheet, position_label(f"row {row}") if row else "", column]
        where = " · ".join(p for p in place if p)
        self.error(where, reason, sheet=sheet, row=row, column=column)

    def check(self) -> None:
        if self.errors:
            raise ImportRejected(self)

    def counts(self) -> dict[str, int]:
        figures = {name: getattr(self, name) for name, _label in self.LABELS}
        return {k: v for k, v in figures.items() if isinstance(v, int)}

    def summary(self) -> dict[str, Any]:
        shown: dict[str, Any] = {_("Biçim"): self.format} if self.format else {}
        for name, label in self.LABELS:
            value = getattr(self, name)
            if isinstance(value, dict):
                if not value:
                    continue
                value = ", ".join(f"{k}: {v}" for k, v in sorted(value.items()))
            shown[str(label)] = value
        shown[_("Hatalı satır")] = len(self.errors)
        return shown

    def job_result(self) -> dict[str, Any]:
        return {"summary": self.summary(), "errors": self.errors[:500], "notes": self.notes}


class ImportRejected(ApplicationError):
    """The file has bad rows and nothing was written; ``report`` lists every one."""

    def __init__(self, report: ImportReport) -> None:
        n = len(report.errors)
        text = ngettext(
            "Dosyada {n} hata var; hiçbir kayıt yazılmadı.",
            "Dosyada {n} hata var; hiçbir kayıt yazılmadı.",
            n,
        )
        super().__init__(text.format(n=n))
        self.report = report


M = TypeVar("M", bound=models.Model)


def by_office(model: type[M]) -> models.Manager[M]:
    """``model``'s unscoped manager for an import: every query of an import filters by
    the office it imports into."""
    return unscoped_manager(model, reason="an import, by its office")
