"""What is wrong with an imported file or record: a stable code, its parameters, and its
message from the importer's table (code → lazy Turkish msgid) in the reader's language."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation
from django.utils.translation import gettext_lazy as _


class Problem(Exception):
    def __init__(self, code: str, /, **params: object) -> None:
        self.code = code
        self.params = {k: str(v) for k, v in params.items()}
        super().__init__(code, self.params)


@dataclass
class RecordError:
    """A record (or the whole file: position ``"file"``) that cannot be imported."""

    position: str
    reason: str
    code: str = ""
    params: dict[str, str] = field(default_factory=dict)


#: Problems every importer may meet; an importer's own table may reword them.
COMMON: dict[str, Any] = {
    "file_too_large": _("Dosya {limit} baytlık sınırdan büyük."),
    "unpacked_too_large": _(
        "Dosya açıldığında {size} MB tutuyor (sıkıştırılmış hâlinin {ratio} katı); en çok "
        "{limit} MB kabul edilir. Dosya okunmadı."
    ),
    "not_xlsx": _("Dosya okunabilir bir Excel (.xlsx) çalışma kitabı değil ({detail})."),
    "not_utf8": _(
        "Dosya UTF-8 metin değil (ilk hatalı bayt {offset}. konumda). “CSV UTF-8” ya da "
        "UTF-8 JSON olarak kaydedip yeniden deneyin."
    ),
    "truncated_row": _(
        "Satırda {found} alan var, başlıkta {expected}; satır eksik (dosya yarıda kesilmiş "
        "olabilir)."
    ),
    "too_long": _("“{field}” en çok {limit} karakter olabilir; bu değer {length} karakter."),
}


class Messages(dict[str, Any]):
    """An importer's message table, rendered in ``language`` (the active one when None)."""

    def __init__(self, table: Mapping[str, Any], language: str | None = None) -> None:
        super().__init__({**COMMON, **table})
        self.language = language

    def __getitem__(self, code: str) -> str:
        with translation.override(self.language or translation.get_language()):
            return str(super().__getitem__(code))

    def text(self, code: str, params: Mapping[str, str], fallback: str = "") -> str:
        """The message of ``code`` (``fallback`` for a code the table does not know)."""
        try:
            return self[code].format(**params)
        except (KeyError, IndexError, ValueError):
            return fallback or code

    def error(self, position: str, code: str, /, **params: object) -> RecordError:
        return self.at(position, Problem(code, **params))

    def at(self, position: str, problem: Problem, field: str = "") -> RecordError:
        """The error of ``problem`` at ``position``; the reason names ``field`` first."""
        text = self.text(problem.code, problem.params)
        reason = f"{field}: {text}" if field else text
        return RecordError(position, reason, problem.code, problem.params)


#: The common messages, in the active language.
MESSAGES = Messages({})


def too_long(model: Any, data: Mapping[str, Any]) -> list[Problem]:
    """A ``too_long`` problem for each text longer than its column: never cut to fit."""
    problems = []
    for name, value in data.items():
        limit = getattr(model._meta.get_field(name), "max_length", None)
        if limit and isinstance(value, str) and len(value) > limit:
            problems.append(Problem("too_long", field=name, limit=limit, length=len(value)))
    return problems
