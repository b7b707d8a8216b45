"""A management command that speaks one language, chosen explicitly.

Django leaves whatever language the thread last activated (a web request through the
``LocaleMiddleware`` activates the visitor's and never deactivates it), so a command's
reports could come out in a stray language. Commands that print reports for people
inherit :class:`ReportingCommand`: ``--language tr|en``, default ``LANGUAGE_CODE``.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation


class ReportingCommand(BaseCommand):
    def create_parser(self, prog_name: str, subcommand: str, **kwargs: Any) -> CommandParser:
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.add_argument(
            "--language",
            choices=[code for code, _name in settings.LANGUAGES],
            default=settings.LANGUAGE_CODE,
            help="language of the report (default: %(default)s)",
        )
        return parser

    def execute(self, *args: Any, **options: Any) -> Any:
        with translation.override(options.get("language") or settings.LANGUAGE_CODE):
            return super().execute(*args, **options)
