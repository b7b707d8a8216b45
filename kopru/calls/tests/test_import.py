"""Imports of the real files: all or nothing, idempotent, publishing rule, command."""

from __future__ import annotations

import gzip
import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kopru.calls.models import Call, CallSettings, State
from kopru.calls.services.imports import calls_import as import_file
from kopru.core.imports import ImportRejected
from kopru.core.models import AuditEntry, Job
from kopru.core.scoping import office_scope, unscoped

pytestmark = pytest.mark.django_db

DATA = Path("/work/shared/data")
if not DATA.exists():  # pragma: no cover - the data lives beside the repository
    DATA = Path(__file__).resolve().parents[4] / "shared" / "data"

REAL_FILES = [
    ("eu-ft-calls-2026/open.jsonl.gz", "eu-ft-portal", True),
    ("eu-ft-calls-2026/calls.json", "eu-ft-portal", True),
    ("horizon-europe-topics-2024/HE_calls_2024-07-11.xlsx", "horizon-europe-xlsx", False),
    ("izmir-mlab/horizon_rapor_latest.xlsx", "office-sheet", False),
    ("tr-kalkinma-ajanslari-duyurular/ka_liste.json", "kalkinma-ajanslari", False),
    ("tr-ab-baskanligi-duyurular/ab-gov-tr-duyurular.csv", "ab-baskanligi", False),
]


def _import(office, relative: str, **kwargs):
    path = DATA / relative
    with office_scope(office):
        return import_file(
            office=office, data=path.read_bytes(), filename=path.name, actor="test", **kwargs
        )


@pytest.mark.parametrize(("relative", "fmt", "published"), REAL_FILES)
def test_real_files_import_and_reimport_idempotently(izmir, relative, fmt, published) -> None:
    first = _import(izmir, relative)
    assert first.format == fmt
    assert first.created > 0
    with unscoped("test"):
        calls = Call.objects.filter(office=izmir)
        assert calls.count() == first.created
        states = set(calls.values_list("state", flat=True))
        assert states == ({State.PUBLISHED} if published else {State.DRAFT})
    second = _import(izmir, relative)
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == first.created
    with unscoped("test"):
        assert Call.objects.filter(office=izmir).count() == first.created


def test_announcements_carry_the_classification_reason(izmir) -> None:
    outcome = _import(izmir, "tr-ab-baskanligi-duyurular/ab-gov-tr-duyurular.csv")
    assert outcome.skipped > 0  # non-calls are left out, with their reason
    with unscoped("test"):
        for call in Call.objects.filter(office=izmir):
            assert call.state == State.DRAFT
            assert call.classification_reason


def test_office_setting_switches_publishing_off(izmir) -> None:
    CallSettings._base_manager.create(office=izmir, publish_eu_on_import=False)
    _import(izmir, "eu-ft-calls-2026/calls.json")
    with unscoped("test"):
        assert not Call.objects.filter(office=izmir, state=State.PUBLISHED).exists()


def test_import_updates_changed_records_and_keeps_their_state(izmir) -> None:
    _import(izmir, "eu-ft-calls-2026/open.jsonl.gz")
    with unscoped("test"):
        call = Call.objects.filter(office=izmir).first()
        Call.objects.filter(pk=call.pk).update(import_hash="stale", state=State.ARCHIVED)
    again = _import(izmir, "eu-ft-calls-2026/open.jsonl.gz")
    assert again.updated == 1
    with unscoped("test"):
        assert Call.objects.get(pk=call.pk).state == State.ARCHIVED
        assert AuditEntry.objects.filter(action="calls.call.reimported").count() == 1


def _broken_copies(tmp_path: Path) -> list[tuple[Path, str]]:
    raw = gzip.decompress((DATA / "eu-ft-calls-2026/open.jsonl.gz").read_bytes())
    truncated = tmp_path / "open.jsonl.gz"
    truncated.write_bytes(gzip.compress(raw)[:40000])
    bad_json = tmp_path / "calls.json"
    text = (DATA / "eu-ft-calls-2026/calls.json").read_bytes()
    bad_json.write_bytes(text[: len(text) // 2])
    bad_xlsx = tmp_path / "HE_calls_2024-07-11.xlsx"
    bad_xlsx.write_bytes(
        (DATA / "horizon-europe-topics-2024/HE_calls_2024-07-11.xlsx").read_bytes()[:5000]
    )
    latin = tmp_path / "ab-gov-tr-duyurular.csv"
    latin.write_bytes(
        (DATA / "tr-ab-baskanligi-duyurular/ab-gov-tr-duyurular.csv")
        .read_bytes()
        .decode("utf-8")
        .encode("iso-8859-9", errors="replace")
    )
    return [(truncated, "eu"), (bad_json, "eu"), (bad_xlsx, "he"), (latin, "ab")]


def test_broken_copies_fail_cleanly_and_write_nothing(izmir, tmp_path) -> None:
    for path, _kind in _broken_copies(tmp_path):
        with office_scope(izmir), pytest.raises(ImportRejected) as exc:
            import_file(office=izmir, data=path.read_bytes(), filename=path.name, actor="t")
        assert exc.value.report.errors, path
        assert all(e["position"] and e["reason"] for e in exc.value.report.errors)
    with unscoped("test"):
        assert Call.objects.count() == 0


def test_management_command(izmir, tmp_path) -> None:
    out = StringIO()
    call_command(
        "import_calls", str(DATA / "eu-ft-calls-2026/calls.json"), office="izmir", stdout=out
    )
    assert "created=420" in out.getvalue()
    out = StringIO()
    call_command(
        "import_calls", str(DATA / "eu-ft-calls-2026/calls.json"), office="izmir", stdout=out
    )
    assert "created=0 updated=0 unchanged=420" in out.getvalue()
    broken = _broken_copies(tmp_path)[0][0]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_calls", str(broken), office="izmir", stdout=StringIO(), stderr=err)
    assert "kayıt 22: " in err.getvalue()  # the position in the language of the report
    with unscoped("test"):
        assert Call.objects.count() == 420


def test_forced_format_is_used(izmir) -> None:
    with pytest.raises(CommandError):
        call_command(
            "import_calls",
            str(DATA / "eu-ft-calls-2026/calls.json"),
            office="izmir",
            format="ab-baskanligi",
            stdout=StringIO(),
            stderr=StringIO(),
        )


def test_panel_import_runs_as_a_job(
    client_for, izmir_expert, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(izmir_expert)
    assert client.get("/izmir/panel/cagrilar/ice-aktar/").status_code == 200
    upload = SimpleUploadedFile("calls.json", (DATA / "eu-ft-calls-2026/calls.json").read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/izmir/panel/cagrilar/ice-aktar/", {"file": upload})
    assert response.status_code == 302
    with unscoped("test"):
        job = Job.objects.get()
        assert job.status == "succeeded", job.message
        assert Call.objects.filter(office=izmir_expert.office).count() == 420
    page = client.get(response["Location"])
    assert page.status_code == 200


def test_panel_import_of_a_broken_file_reports_every_error(
    client_for, izmir_expert, tmp_path, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for(izmir_expert)
    path = _broken_copies(tmp_path)[0][0]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/izmir/panel/cagrilar/ice-aktar/",
            {"file": SimpleUploadedFile(path.name, path.read_bytes())},
        )
    with unscoped("test"):
        job = Job.objects.get()
        assert job.status == "failed"
        assert job.result["errors"]
        assert not Call.objects.exists()


def test_template_downloads(client_for, izmir_expert) -> None:
    client = client_for(izmir_expert)
    xlsx = client.get("/izmir/panel/cagrilar/sablon.xlsx")
    assert xlsx.status_code == 200 and xlsx.content[:2] == b"PK"
    csv = client.get("/izmir/panel/cagrilar/sablon.csv")
    assert csv.status_code == 200 and b"*" in csv.content


# --- rows cut short and values longer than their column: bad rows, never cut ---------

AB_HEADER = "page_position,date_text,title,url,summary\n"
AB_ROW = '1,"27 Ağustos, 2026",{title},https://www.ab.gov.tr/hibe_54262.html,Özet\n'
TEMPLATE_HEADER = "Çağrı Kodu;Çağrı Adı (Türkçe);Destek Veren Kurum;Düzey;Son Başvuru Tarihleri\n"
TEMPLATE_ROW = "GMKA-2026-TD;{title};Güney Marmara Kalkınma Ajansı;bölgesel;2026-11-30\n"
LONG_TITLE = "Hibe Programı " + "x" * 100_000


@pytest.mark.parametrize(
    ("name", "content", "position", "code"),
    [
        (
            "duyurular.csv",
            AB_HEADER + AB_ROW.format(title="PACE Hibe Duyurusu") + '2,"28 Ağustos, 2026",Hibe',
            "satır 3",
            "truncated_row",
        ),
        (
            "sablon.csv",
            TEMPLATE_HEADER + TEMPLATE_ROW.format(title="Teknik Destek") + "GMKA-2;Kısa;Kurum",
            "satır 3",
            "truncated_row",
        ),
        ("duyurular.csv", AB_HEADER + AB_ROW.format(title=LONG_TITLE), "satır 2", "too_long"),
        (
            "sablon.csv",
            TEMPLATE_HEADER + TEMPLATE_ROW.format(title=LONG_TITLE),
            "satır 2",
            "too_long",
        ),
        (
            "calls.json",
            json.dumps([{"topicId": "A-1", "title": LONG_TITLE, "deadline": "2026-01-31"}]),
            "kayıt 1",
            "too_long",
        ),
        (
            "ka_liste.json",
            json.dumps(
                {
                    "state": True,
                    "data": [
                        {
                            "id": 1,
                            "agency_code": "izka",
                            "name": LONG_TITLE,
                            "date_to_show": "2026-09-01",
                        }
                    ],
                }
            ),
            "kayıt 1",
            "too_long",
        ),
    ],
)
def test_cut_off_rows_and_over_long_values_are_bad_rows(
    izmir, tmp_path, name, content, position, code
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with office_scope(izmir), pytest.raises(ImportRejected) as refused:
        import_file(office=izmir, data=path.read_bytes(), filename=name, actor="test")
    assert [(e["position"], e["code"]) for e in refused.value.report.errors] == [(position, code)]
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_calls", str(path), office="izmir", stdout=StringIO(), stderr=err)
    assert err.getvalue().startswith(f"{position}: ")
    with unscoped("test"):
        assert not Call.objects.exists()
