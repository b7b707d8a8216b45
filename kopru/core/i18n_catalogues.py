"""Reading and checking the gettext catalogues (used by i18n_sync and the i18n test)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings

_ENTRY = re.compile(r"\n\n")


def project_locale_roots() -> list[Path]:
    """Every directory whose ``locale/`` holds Köprü catalogues: one per app."""
    return [Path(a.path) for a in apps.get_app_configs() if a.name.startswith("kopru.")]


def _unquote(lines: list[str], key: str) -> str | None:
    """The string of ``key`` (msgid, msgstr, msgstr[0]) in one entry's lines."""
    out: list[str] = []
    collecting = False
    for line in lines:
        if line.startswith(key + " "):
            collecting = True
            out.append(line[len(key) + 1 :].strip())
        elif collecting and line.startswith('"'):
            out.append(line.strip())
        elif collecting:
            break
    if not collecting:
        return None
    return "".join(s[1:-1] for s in out)


def parse_po(path: Path) -> list[dict[str, Any]]:
    """Entries of a .po file: msgid, msgctxt, plural, msgstrs, fuzzy (header excluded)."""
    text = path.read_text(encoding="utf-8")
    entries = []
    for block in _ENTRY.split(text.strip()):
        lines = [ln for ln in block.splitlines() if not ln.startswith("#~")]
        msgid = _unquote(lines, "msgid")
        if msgid is None or msgid == "":
            continue
        plural = _unquote(lines, "msgid_plural")
        if plural is None:
            strs = [_unquote(lines, "msgstr") or ""]
        else:
            strs = []
            i = 0
            while (s := _unquote(lines, f"msgstr[{i}]")) is not None:
                strs.append(s)
                i += 1
        fuzzy = any(ln.startswith("#,") and "fuzzy" in ln for ln in lines)
        context = _unquote(lines, "msgctxt")
        entries.append(
            {
                "msgid": msgid,
                "context": context,
                "plural": plural,
                "msgstrs": strs,
                "fuzzy": fuzzy,
            }
        )
    return entries


def catalogue_problems(locale_dir: Path) -> list[str]:
    problems = []
    for lang in ("tr", "en"):
        po = locale_dir / lang / "LC_MESSAGES" / "django.po"
        if not po.exists():
            continue
        for e in parse_po(po):
            where = f"{po.relative_to(settings.BASE_DIR)}: {e['msgid']!r}"
            if e["fuzzy"]:
                problems.append(f"fuzzy: {where}")
            if any(s == "" for s in e["msgstrs"]):  # type: ignore[attr-defined]
                problems.append(f"untranslated: {where}")
    return problems


def fill_turkish_catalogue(po: Path) -> None:
    """Set every empty msgstr of the Turkish catalogue to its (Turkish) msgid."""
    if not po.exists():
        return
    text = po.read_text(encoding="utf-8")
    blocks = text.split("\n\n")
    out = []
    for block in blocks:
        lines = block.splitlines()
        msgid = _unquote(lines, "msgid")
        if not msgid:
            out.append(block)
            continue
        plural = _unquote(lines, "msgid_plural")
        lines = [ln for ln in lines if not (ln.startswith("#,") and "fuzzy" in ln)]
        keep = []
        skip_cont = False
        for ln in lines:
            if ln.startswith("msgstr"):
                skip_cont = True
                continue
            if skip_cont and ln.startswith('"'):
                continue
            skip_cont = False
            keep.append(ln)
        esc = _quote(msgid)
        if plural is None:
            keep.append(f"msgstr {esc}")
        else:
            keep.append(f"msgstr[0] {esc}")
            keep.append(f"msgstr[1] {_quote(plural)}")
        out.append("\n".join(keep))
    po.write_text("\n\n".join(out).rstrip("\n") + "\n", encoding="utf-8")


def _quote(s: str) -> str:
    # ``s`` is already in .po escaped form (as read from the file).
    return f'"{s}"'


def conflicting_translations(lang: str = "en") -> list[str]:
    """Messages that two apps translate differently into ``lang``.

    Django merges every app's catalogue into one per language, so one of the two
    translations silently wins everywhere. A message whose meaning differs between
    apps needs a context (``pgettext``, ``{% translate "…" context "…" %}``).
    """
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for root in project_locale_roots():
        po = root / "locale" / lang / "LC_MESSAGES" / "django.po"
        if not po.exists():
            continue
        for e in parse_po(po):
            key = (e["context"], e["msgid"])
            seen.setdefault(key, {})[root.name] = " | ".join(e["msgstrs"])
    problems = []
    for (context, msgid), by_app in sorted(seen.items(), key=lambda kv: kv[0][1]):
        if len(set(by_app.values())) > 1:
            where = f"{msgid!r}" + (f" (context {context!r})" if context else "")
            problems.append(f"{where}: {by_app}")
    return problems
