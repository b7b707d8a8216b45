"""Re-extract the translatable strings of every Köprü app and fill the Turkish catalogues.

Source strings are Turkish, so the Turkish catalogue's msgstr is the msgid itself.
English translations are written by people; this command lists those still missing.

    python manage.py i18n_sync            # every app and the project templates
    python manage.py i18n_sync --app calls
    python manage.py i18n_sync --check    # exit 1 if anything is missing or fuzzy
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from kopru.core.i18n_catalogues import (
    catalogue_problems,
    conflicting_translations,
    fill_turkish_catalogue,
    project_locale_roots,
)


def _makemessages(cwd: Path, ignore: list[str]) -> None:
    cmd = [
        sys.executable,
        "-P",  # do not put the app directory on sys.path: selectors.py would shadow the stdlib
        "-m",
        "django",
        "makemessages",
        "-l",
        "tr",
        "-l",
        "en",
        "--no-location",
        "--no-obsolete",
        "--no-wrap",
    ]
    for pattern in ignore:
        cmd += ["--ignore", pattern]
    env = {**os.environ, "PYTHONPATH": str(settings.BASE_DIR)}
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)  # noqa: S603
    if done.returncode:
        raise CommandError(f"makemessages failed in {cwd}:\n{done.stderr}")


class Command(BaseCommand):
    help = "Extract messages of every app, fill the Turkish catalogues, report missing English."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--app", action="append", default=[], help="app label (repeatable)")
        parser.add_argument("--check", action="store_true", help="only report; exit 1 on problems")

    def handle(self, *args: Any, **options: Any) -> None:
        roots = project_locale_roots()
        if options["app"]:
            wanted = set(options["app"])
            roots = [r for r in roots if r.name in wanted]
        if not options["check"]:
            for root in roots:
                (root / "locale").mkdir(exist_ok=True)
                _makemessages(root, ["tests/*", "migrations/*"])
                fill_turkish_catalogue(root / "locale" / "tr" / "LC_MESSAGES" / "django.po")
        problems = []
        for root in roots:
            problems += catalogue_problems(root / "locale")
        # Across every app: Django merges the catalogues, so one translation would win.
        problems += [f"translated differently: {c}" for c in conflicting_translations("en")]
        for problem in problems:
            self.stdout.write(problem)
        if problems and options["check"]:
            raise CommandError(f"{len(problems)} translation problems")
        self.stdout.write(f"{len(problems)} messages need attention.")
