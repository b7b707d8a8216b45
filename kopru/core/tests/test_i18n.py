"""Both catalogues are complete: every message extracted from the code is in the
Turkish and the English catalogue, translated, and not fuzzy."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

from kopru.core.i18n_catalogues import (
    catalogue_problems,
    conflicting_translations,
    parse_po,
    project_locale_roots,
)


def test_no_message_is_missing_empty_or_fuzzy() -> None:
    problems: list[str] = []
    for root in project_locale_roots():
        problems += catalogue_problems(root / "locale")
    assert problems == [], "\n".join(problems[:50])


def test_no_two_apps_translate_the_same_message_differently() -> None:
    # Django merges the apps' catalogues: one translation would win everywhere.
    problems = conflicting_translations("en")
    assert problems == [], "\n".join(problems)


def test_turkish_catalogue_repeats_the_turkish_source() -> None:
    for root in project_locale_roots():
        po = root / "locale" / "tr" / "LC_MESSAGES" / "django.po"
        if not po.exists():
            continue
        for entry in parse_po(po):
            if entry["plural"] is None:
                assert entry["msgstrs"] == [entry["msgid"]], (po, entry["msgid"])


def _msgids(po: Path) -> set[str]:
    return {str(e["msgid"]) for e in parse_po(po)} if po.exists() else set()


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="GNU gettext is not installed")
def test_catalogues_contain_every_message_of_the_code(tmp_path: Path) -> None:
    """Extract the messages afresh (into a copy) and compare with the committed catalogues."""
    kopru = Path(settings.BASE_DIR) / "kopru"
    copy = tmp_path / "kopru"
    shutil.copytree(
        kopru, copy, ignore=shutil.ignore_patterns("static", "__pycache__", "*.mo", "tests")
    )
    env = {**os.environ, "PYTHONPATH": str(settings.BASE_DIR)}
    missing: list[str] = []
    for root in project_locale_roots():
        cwd = copy / root.relative_to(kopru)
        (cwd / "locale").mkdir(exist_ok=True)
        ignore = ["--ignore", "tests/*", "--ignore", "migrations/*"]
        subprocess.run(
            [
                sys.executable,
                "-P",
                "-m",
                "django",
                "makemessages",
                "-l",
                "en",
                "--no-location",
                *ignore,
            ],
            cwd=cwd,
            env=env,
            check=True,
            capture_output=True,
        )
        fresh = _msgids(cwd / "locale" / "en" / "LC_MESSAGES" / "django.po")
        for lang in ("tr", "en"):
            committed = _msgids(root / "locale" / lang / "LC_MESSAGES" / "django.po")
            for msgid in sorted(fresh - committed):
                missing.append(f"{root.name}/{lang}: {msgid!r}")
    assert missing == [], "run `manage.py i18n_sync` and translate:\n" + "\n".join(missing[:50])


def test_english_is_active_under_en_prefix(client, db) -> None:
    response = client.get("/en/")
    assert response.status_code == 200
    assert b'lang="en"' in response.content
    assert "Offices" in response.content.decode()
    response = client.get("/")
    assert b'lang="tr"' in response.content
    assert "Ofisler" in response.content.decode()


def test_a_translation_is_really_used() -> None:
    with translation.override("en"):
        assert translation.gettext("Ana içeriğe geç") == "Skip to main content"


def test_i18n_sync_extracts_fills_turkish_and_reports_missing_english(monkeypatch) -> None:
    """The command on a small app of its own: Turkish filled from the source, English
    reported until someone writes it, ``--check`` failing on it."""
    from io import StringIO

    from django.core.management import CommandError, call_command

    from kopru.core.management.commands import i18n_sync

    app = Path(settings.BASE_DIR) / "var" / f"i18n-sync-test-{os.getpid()}"
    shutil.rmtree(app, ignore_errors=True)
    app.mkdir(parents=True)
    try:
        (app / "views.py").write_text(
            "from django.utils.translation import gettext as _\n\nMESSAGE = _('Çağrı yayımlandı')\n",
            encoding="utf-8",
        )
        monkeypatch.setattr(i18n_sync, "project_locale_roots", lambda: [app])
        out = StringIO()
        call_command("i18n_sync", stdout=out)
        turkish = {
            e["msgid"]: e["msgstrs"] for e in parse_po(app / "locale/tr/LC_MESSAGES/django.po")
        }
        assert turkish == {"Çağrı yayımlandı": ["Çağrı yayımlandı"]}
        assert "untranslated" in out.getvalue() and "Çağrı yayımlandı" in out.getvalue()
        with pytest.raises(CommandError, match="translation problems"):
            call_command("i18n_sync", "--check", stdout=StringIO())

        english = app / "locale/en/LC_MESSAGES/django.po"
        english.write_text(
            english.read_text(encoding="utf-8").replace(
                'msgid "Çağrı yayımlandı"\nmsgstr ""',
                'msgid "Çağrı yayımlandı"\nmsgstr "Call published"',
            ),
            encoding="utf-8",
        )
        out = StringIO()
        call_command("i18n_sync", "--check", "--app", app.name, stdout=out)
        assert "0 messages need attention" in out.getvalue()
    finally:
        shutil.rmtree(app, ignore_errors=True)
