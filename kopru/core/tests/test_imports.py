"""The import framework: the unpacked-size guard for every importer, cut-off rows, the
template writer, bulk audit entries and the import job."""

from __future__ import annotations

import gzip
import io
import time
import tracemalloc
import zipfile
from decimal import Decimal
from typing import Any

import pytest
from django.apps import apps
from django.utils.module_loading import import_string
from openpyxl import load_workbook

from kopru.core.audit import audit_log, audit_log_bulk
from kopru.core.imports import FileTooLarge, ImportRejected, Problem
from kopru.core.imports.files import gunzip, open_workbook, row_values
from kopru.core.imports.jobs import import_task
from kopru.core.imports.values import cell_number
from kopru.core.imports.workbook import Sheet, template_workbook
from kopru.core.jobs import job_start
from kopru.core.models import AuditEntry, Job
from kopru.core.scoping import office_scope, unscoped

MB = 1024 * 1024


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """A 1.2 MB workbook whose sheet holds 1.2 GB of white space between its rows."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["ad", "tur"])  # type: ignore[union-attr]
    plain = io.BytesIO()
    workbook.save(plain)
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(plain) as source,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive,
    ):
        for member in source.infolist():
            content = source.read(member)
            if member.filename != "xl/worksheets/sheet1.xml":
                archive.writestr(member, content)
                continue
            head, tail = content.split(b"<sheetData>")
            with archive.open(member.filename, "w", force_zip64=True) as sheet:
                sheet.write(head + b"<sheetData>")
                for _ in range(1200):
                    sheet.write(b" " * MB)
                sheet.write(tail)
    return buffer.getvalue()


def test_the_guard_reads_only_the_zip_directory(bomb: bytes) -> None:
    assert len(bomb) < 1.5 * MB
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(FileTooLarge) as refused:
        open_workbook(bomb)
    elapsed, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 1 and peak < 10 * MB
    assert refused.value.code == "unpacked_too_large"
    assert refused.value.params["size"] == "1200"


@pytest.mark.parametrize(
    ("service", "model"),
    [
        ("calls.calls_import", "calls.Call"),
        ("projects.import_file", "projects.Project"),
        ("organisations.import_directory", "organisations.Organisation"),
        ("trainings.history_import", "trainings.Registration"),
    ],
)
def test_every_importer_refuses_a_zip_bomb_before_reading_it(
    bomb: bytes, izmir: Any, service: str, model: str
) -> None:
    app, name = service.split(".")
    run = import_string(f"kopru.{app}.services.imports.{name}")
    tracemalloc.start()
    started = time.perf_counter()
    with office_scope(izmir), pytest.raises(ImportRejected) as refused:
        run(office=izmir, data=bomb, filename="HE_calls.xlsx", actor="test")
    elapsed, peak = time.perf_counter() - started, tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert elapsed < 5 and peak < 50 * MB, (elapsed, peak)
    (error,) = refused.value.report.errors
    assert "1200 MB" in error["reason"] and "Dosya okunmadı" in error["reason"]
    with unscoped("test"):
        assert not apps.get_model(model)._base_manager.exists()


def test_gzip_is_never_decompressed_beyond_the_limit() -> None:
    data = gzip.compress(b" " * (8 * MB))
    with pytest.raises(FileTooLarge):
        gunzip(data, max_bytes=MB)
    assert gunzip(data, max_bytes=8 * MB) == (b" " * (8 * MB), True, "")


def test_a_row_cut_short_is_a_problem_not_blank_values() -> None:
    header = ["a", "b", "c", "", ""]  # trailing empty header cells do not count
    assert row_values(["1", "2", "3"], {"a": 0, "c": 2}, header) == {"a": "1", "c": "3"}
    with pytest.raises(Problem) as cut:
        row_values(["1", "2"], {"a": 0}, header)
    assert (cut.value.code, cut.value.params) == ("truncated_row", {"found": "2", "expected": "3"})


@pytest.mark.parametrize(
    ("value", "number"),
    [
        (None, None),
        ("  ", None),
        (" 1.500,5 ", Decimal("1500.5")),
        (7, Decimal(7)),
        (0.1, Decimal("0.1")),
        (Decimal("2.50"), Decimal("2.50")),
    ],
)
def test_a_number_cell_is_a_number_or_a_number_typed_as_text(value: Any, number: Any) -> None:
    assert cell_number(value) == number


@pytest.mark.parametrize("value", [True, float("nan"), float("inf"), Decimal("NaN"), "abc", []])
def test_anything_else_in_a_number_cell_is_refused(value: Any) -> None:
    with pytest.raises(ValueError):
        cell_number(value)


def test_templates_never_carry_a_formula() -> None:
    data = template_workbook(
        [Sheet("veri", [["ad", "not"], ['=HYPERLINK("http://x")', "+1"]], choices={0: "a,b"})]
    )
    sheet = load_workbook(io.BytesIO(data))["veri"]
    assert sheet["A2"].value == '\'=HYPERLINK("http://x")' and sheet["A2"].data_type != "f"
    assert sheet["B2"].value == "'+1" and sheet["A1"].font.bold


def test_bulk_audit_entries_follow_the_actor_rule_of_audit_log(izmir: Any, izmir_expert) -> None:
    for actor, user, name in (
        (izmir_expert, izmir_expert, izmir_expert.get_full_name() or izmir_expert.username),
        ("import_calls", None, "import_calls"),
        (None, None, ""),
    ):
        AuditEntry.objects.all().delete()
        single = audit_log(actor=actor, action="offices.office.imported", obj=izmir)
        audit_log_bulk(actor=actor, action="offices.office.imported", entries=[(izmir, None, {})])
        bulk = AuditEntry.objects.exclude(pk=single.pk).get()
        assert (bulk.actor, bulk.actor_repr) == (single.actor, single.actor_repr) == (user, name)
        assert (bulk.object_id, bulk.content_type) == (single.object_id, single.content_type)


@pytest.mark.parametrize("service", ["core.job_start", "calls.x.y", "os.system"])
def test_an_import_job_runs_only_an_import_service(izmir: Any, service: str) -> None:
    with office_scope(izmir):
        job = job_start(
            office=izmir, kind="x", title="x", actor=None, task=import_task,
            params={"service": service},
        )  # fmt: skip
    with pytest.raises(Exception, match=r"import service|No module|has no attribute"):
        import_task.call(job_id=job.pk)
    assert Job._base_manager.get(pk=job.pk).status == "failed"
