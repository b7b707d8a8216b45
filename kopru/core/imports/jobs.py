"""Running an import service (``kopru.<app>.services.imports.<function>``) as a background
job with progress, or from the command line."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import CommandError, CommandParser
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks import task

from kopru.core.commands import ReportingCommand
from kopru.core.errors import ApplicationError
from kopru.core.jobs import job_fail, job_progress, job_running, job_start, job_succeed
from kopru.core.models import Job
from kopru.core.scoping import office_scope, unscoped
from kopru.core.tenancy import OFFICE_MODEL

from .report import ImportRejected, ImportReport

SERVICE = re.compile(r"(\w+)\.(\w+)")


def import_start(
    service: str,
    *,
    office: Any,
    actor: Any,
    upload: Any,
    kind: str,
    title: str,
    next_url: str,
    options: dict[str, Any] | None = None,
) -> Job:
    """Start ``service`` (``"<app>.<function>"``) on an upload as a job, reporting in the
    uploader's language; the job page links to ``next_url`` when it is done."""
    params = {
        "service": service,
        "filename": upload.name,
        "language": translation.get_language() or settings.LANGUAGE_CODE,
        "next_url": next_url,
        "options": options or {},
    }
    return job_start(
        office=office,
        kind=kind,
        title=title,
        actor=actor,
        task=import_task,
        params=params,
        input_file=upload,
    )


@task()
def import_task(job_id: int) -> None:
    with job_running(job_id) as job:
        service = SERVICE.fullmatch(job.params["service"])
        if service is None:
            raise ImproperlyConfigured(f"{job.params['service']} is not an import service")
        run = import_string("kopru.{}.services.imports.{}".format(*service.groups()))
        with job.input_file.open("rb") as upload:
            data = upload.read()
        with translation.override(job.params.get("language") or settings.LANGUAGE_CODE):
            try:
                report = run(
                    office=job.office,
                    data=data,
                    filename=job.params.get("filename") or job.input_file.name,
                    actor=job.created_by,
                    progress=lambda done, total: job_progress(job_id, done, total),
                    **job.params.get("options", {}),
                )
            except ApplicationError as exc:
                result = exc.report.job_result() if isinstance(exc, ImportRejected) else None
                job_fail(job_id, message=exc.message, result=result)
                return
            result = {**report.job_result(), "next_url": job.params.get("next_url", "")}
            job_succeed(job_id, result=result, message=_("İçe aktarma tamamlandı."))


class ImportCommand(ReportingCommand):
    """``manage.py import_... PATH --office SLUG``: every bad row and a non-zero exit, or the
    figures. Subclasses set ``run = staticmethod(service)``; ``formats`` adds ``--format``."""

    run: Callable[..., ImportReport]
    office_required = True
    formats: tuple[str, ...] = ()

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path")
        parser.add_argument("--office", required=self.office_required, help="office slug")
        if self.formats:
            parser.add_argument("--format", dest="fmt", choices=self.formats, default=None)

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["path"])
        if not path.is_file():
            raise CommandError(f"{path}: no such file")
        office = None
        if slug := options.get("office"):
            with unscoped("import command: looking up the office"):
                office = apps.get_model(OFFICE_MODEL).objects.filter(slug=slug).first()
            if office is None:
                raise CommandError(f"no office with slug {slug!r}")
        extra = {"fmt": options["fmt"]} if options.get("fmt") else {}
        name = self.__module__.rsplit(".", 1)[-1]
        started = time.perf_counter()
        scope = office_scope(office) if office else unscoped(f"{name}: records find their offices")
        try:
            with scope:
                report = self.run(
                    office=office, data=path.read_bytes(), filename=path.name, actor=name, **extra
                )
        except ApplicationError as exc:
            for error in exc.report.errors if isinstance(exc, ImportRejected) else ():
                self.stderr.write(f"{error['position']}: {error['reason']}")
            raise CommandError(exc.message) from exc
        for note in report.notes:
            self.stdout.write(f"note: {note}")
        for label, value in report.summary().items():
            self.stdout.write(f"{label}: {value}")
        figures = " ".join(f"{key}={value}" for key, value in report.counts().items())
        seconds = time.perf_counter() - started
        self.stdout.write(f"{path.name} ({report.format}): {figures} in {seconds:.2f}s")
