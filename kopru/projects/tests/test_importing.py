"""The import service: all-or-nothing, idempotent, routed to the province's office."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from kopru.core.imports import ImportRejected as ImportFailed
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope, unscoped
from kopru.projects.importers.records import PartnerRecord, ProjectRecord
from kopru.projects.models import Partner, Project, StageChange
from kopru.projects.services.imports import import_records

pytestmark = pytest.mark.django_db


def partner(name, country, plate="", role="partner", city=""):
    return PartnerRecord(
        name=name,
        country=country,
        role=role,
        city=city,
        province_plate=plate,
        organisation_type="HES",
        eu_contribution=Decimal("1000"),
    )


def record(source_id, plates, position=1, source="cordis", **extra):
    data = {
        "position": position,
        "source": source,
        "source_id": source_id,
        "acronym": f"A{source_id}",
        "title_en": f"Project {source_id}",
        "title_tr": "",
        "summary_en": "Summary",
        "summary_tr": "",
        "programme": "H2020",
        "funding_scheme": "RIA",
        "call_identifier": "H2020-X",
        "topic": "T",
        "start_date": dt.date(2020, 1, 1),
        "end_date": dt.date(2023, 12, 31),
        "duration_months": 48,
        "stage": "completed",
        "total_cost": Decimal("100000"),
        "grant_amount": Decimal("90000"),
        "currency": "EUR",
        "province_plates": plates,
        "source_url": "https://cordis.europa.eu/",
        "partners": [
            partner("EGE UNIVERSITESI", "TR", "35", "coordinator", city="BORNOVA"),
            partner("BALIKESIR UNIVERSITESI", "TR", "10"),
            partner("Athens Lab", "GR"),
            partner("Ankara Lab", "TR", "06"),
        ],
    }
    data.update(extra)
    return ProjectRecord(**data)


def run(records, office=None, errors=None):
    with unscoped("test"):
        return import_records(
            records=records, parse_errors=errors or [], fmt="cordis", office=office
        )


def test_cordis_records_go_to_the_offices_of_their_provinces(balikesir, izmir) -> None:
    report = run([record("1", ["35", "10", "06"]), record("2", ["35"])])
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.skipped == {"06": 1}
    with office_scope(izmir):
        projects = list(Project.objects.order_by("source_id"))
        assert [p.source_id for p in projects] == ["1", "2"]
        first = projects[0]
        assert first.is_published and first.owner_name == "EGE UNIVERSITESI"
        assert [d.name for d in first.districts.all()] == ["Bornova"]
        assert Partner.objects.filter(project=first).count() == 4
        assert StageChange.objects.filter(project=first).count() == 1
    with office_scope(balikesir):
        assert Project.objects.get().owner_name == "BALIKESIR UNIVERSITESI"
    with unscoped("test"):
        assert AuditEntry.objects.filter(action="projects.project.imported").count() == 3


def test_second_import_is_idempotent_and_counts_changes(balikesir, izmir) -> None:
    run([record("1", ["35"]), record("2", ["35"])])
    report = run([record("1", ["35"]), record("2", ["35"], title_en="Renamed")])
    assert (report.created, report.updated, report.unchanged) == (0, 1, 1)
    with office_scope(izmir):
        assert Project.objects.count() == 2
        renamed = Project.objects.get(source_id="2")
        assert renamed.title_en == "Renamed" and renamed.version == 2


def test_bad_row_writes_nothing(balikesir, izmir) -> None:
    bad = record("2", ["35"], title_en="", acronym="", position=7)
    with pytest.raises(ImportFailed) as exc:
        run([record("1", ["35"]), bad])
    reasons = [(e["position"], e["reason"]) for e in exc.value.report.errors]
    assert reasons == [(7, "Başlık yok.")]
    with pytest.raises(ImportFailed):
        run([record("1", ["35"])], errors=[{"position": 3, "reason": "bozuk tarih"}])
    with unscoped("test"):
        assert Project.objects.count() == 0


def test_template_records_need_an_office_and_stay_unpublished(izmir) -> None:
    from kopru.core.errors import ApplicationError

    r = record("T-1", [], source="template", stage="submitted")
    with pytest.raises(ApplicationError):
        run([r])
    report = run([r], office=izmir)
    assert report.created == 1
    with office_scope(izmir):
        project = Project.objects.get()
    assert project.is_published is False and project.stage == "submitted"


def test_upload_runs_as_a_job_with_counts(
    client_for, izmir, izmir_expert, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kopru.core.models import Job
    from kopru.projects.services import imports as importing

    def fake_import_file(*, data, filename, office, actor, progress=None, fmt=None):
        assert data == b"x" and filename == "projects.txt"
        return importing.import_records(
            records=[record("M-1", [], source="izmir-mlab")],
            parse_errors=[],
            fmt="izmir-mlab",
            office=office,
            actor=actor,
            progress=progress,
        )

    monkeypatch.setattr(importing, "import_file", fake_import_file)
    client = client_for(izmir_expert)
    with django_capture_on_commit_callbacks(execute=True):
        r = client.post(
            "/izmir/panel/projeler/ice-aktar/",
            {"file": SimpleUploadedFile("projects.txt", b"x")},
        )
    assert r.status_code == 302
    with office_scope(izmir):
        job = Job.objects.get()
        assert job.status == "succeeded", job.message
        assert job.result["summary"]["Oluşturulan"] == 1
        project = Project.objects.get(source="izmir-mlab")
    assert project.is_published is True
    assert client.get(r.url).status_code == 200


def test_failed_upload_reports_rows(
    client_for, izmir, izmir_expert, monkeypatch, django_capture_on_commit_callbacks
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kopru.core.models import Job
    from kopru.projects.services import imports as importing

    def fake_import_file(**kwargs):
        return importing.import_records(
            records=[record("M-1", [], source="izmir-mlab")],
            parse_errors=[{"position": 4, "reason": "Bilinmeyen durum: Belki"}],
            fmt="izmir-mlab",
            office=kwargs["office"],
        )

    monkeypatch.setattr(importing, "import_file", fake_import_file)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(izmir_expert).post(
            "/izmir/panel/projeler/ice-aktar/", {"file": SimpleUploadedFile("p.txt", b"x")}
        )
    with office_scope(izmir):
        job = Job.objects.get()
        assert job.status == "failed"
        assert job.result["errors"] == [{"position": 4, "reason": "Bilinmeyen durum: Belki"}]
        assert not Project.objects.exists()


def test_template_districts_sectors_and_rate(izmir) -> None:
    good = record(
        "T-2",
        [],
        source="template",
        districts=["Bornova"],
        sectors=["youth"],
        target_groups=["young_entrepreneurs"],
        exchange_rate=Decimal("37.5"),
        exchange_rate_date=dt.date(2025, 1, 2),
        owner_name="Bornova Gençlik Derneği",
    )
    bad = record("T-3", [], source="template", districts=["Karesi"], position=9)
    with pytest.raises(ImportFailed) as exc:
        run([good, bad], office=izmir)
    assert exc.value.report.errors == [
        {"position": 9, "reason": "Bu ilde böyle bir ilçe yok: Karesi"}
    ]
    run([good], office=izmir)
    with office_scope(izmir):
        project = Project.objects.get()
        assert [d.name for d in project.districts.all()] == ["Bornova"]
    assert project.has_priority_group and project.owner_name == "Bornova Gençlik Derneği"
    assert project.amount_in("grant_amount", "TRY") == Decimal("3375000.00")


# --- partners without a country, error positions, owners of office-bound files -------------


def test_partner_whose_country_is_not_stated_imports_with_it_empty(izmir) -> None:
    r = record("1", ["35"])
    unstated = partner("UNDP", "")
    unstated.country_unknown = True
    r.partners.append(unstated)
    report = run([r])
    assert report.created == 1
    with office_scope(izmir):
        assert Partner.objects.get(name="UNDP").country == ""
    again = run([r])
    assert (again.created, again.updated, again.unchanged) == (0, 0, 1)


@pytest.mark.parametrize(
    ("position", "tr", "en"),
    [
        ("line 14", "satır 14", "line 14"),
        ("record 3", "kayıt 3", "record 3"),
        ("row 12", "satır 12", "row 12"),
        ("row 4 (sheet 'Çağrılar')", "Çağrılar · satır 4", "Çağrılar · row 4"),
        ("file", "dosya", "file"),
        (7, 7, 7),  # not a parser position: left alone
        ("line x", "line x", "line x"),
    ],
)
def test_positions_are_shown_in_the_active_language(position, tr, en) -> None:
    from django.utils import translation

    from kopru.core.imports.report import position_label

    with translation.override("tr"):
        assert position_label(position) == tr
    with translation.override("en"):
        assert position_label(position) == en


def test_every_error_of_the_report_carries_a_translated_position(izmir) -> None:
    from django.utils import translation

    bad = record("2", ["35"], title_en="", position="record 2")
    parse_errors = [{"position": "record 5", "reason": "bozuk"}]
    for language, expected in (("tr", ["kayıt 5", "kayıt 2"]), ("en", ["record 5", "record 2"])):
        with translation.override(language), pytest.raises(ImportFailed) as exc:
            run([record("1", ["35"], position="record 1"), bad], errors=parse_errors)
        assert [e["position"] for e in exc.value.report.errors] == expected


def test_office_bound_records_prefer_an_owner_of_the_office_province(izmir) -> None:
    first = record(
        "M-1",
        [],
        source="izmir-mlab",
        partners=[
            partner("Yuva Derneği", "TR"),  # Turkish, province not known
            partner("ANKARA UNIVERSITESI", "TR", "06"),
            partner("İzmir Büyükşehir Belediyesi", "TR", "35"),
        ],
    )
    second = record(
        "M-2", [], source="izmir-mlab", partners=[partner("Yuva Derneği", "TR"), partner("X", "")]
    )
    run([first, second], office=izmir)
    with office_scope(izmir):
        owners = dict(Project.objects.values_list("source_id", "owner_name"))
    assert owners == {"M-1": "İzmir Büyükşehir Belediyesi", "M-2": "Yuva Derneği"}


@pytest.mark.parametrize(("prefix", "position"), [("", "kayıt 4"), ("/en", "record 4")])
def test_job_report_is_in_the_uploaders_language(
    client_for,
    izmir,
    izmir_expert,
    monkeypatch,
    django_capture_on_commit_callbacks,
    prefix,
    position,
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from kopru.core.models import Job
    from kopru.projects.services import imports as importing

    def fake_import_file(**kwargs):
        return importing.import_records(
            records=[record("M-1", [], source="izmir-mlab")],
            parse_errors=[{"position": "record 4", "reason": "Bilinmeyen durum: Belki"}],
            fmt="izmir-mlab",
            office=kwargs["office"],
        )

    monkeypatch.setattr(importing, "import_file", fake_import_file)
    with django_capture_on_commit_callbacks(execute=True):
        client_for(izmir_expert).post(
            f"{prefix}/izmir/panel/projeler/ice-aktar/",
            {"file": SimpleUploadedFile("p.txt", b"x")},
        )
    with office_scope(izmir):
        job = Job.objects.get()
    assert job.result["errors"] == [{"position": position, "reason": "Bilinmeyen durum: Belki"}]
    label = "Hatalı satır" if not prefix else "Rows with errors"
    assert job.result["summary"][label] == 1


# --- rows cut short and values longer than their column: bad rows, never cut ---------


def _cordis(*rows: str) -> bytes:
    from kopru.core.datafiles import data_file

    header = data_file("cordis-h2020-participations/dashboard-export-2021.csv").read_bytes()
    return header.split(b"\n")[0] + b"\n" + "\n".join(rows).encode()


CORDIS_ROW = (
    "H2020,H2020-X,X-1,Topic,{id},http://cordis.europa.eu/project/id/{id},{acronym},Title,"
    "COORDINATOR,BENEFICIARY,999,-,EGE UNIVERSITESI,HES,Higher,IZMIR,TR310,Izmir,TR,Turkey,"
    "1000,1000,1000,29/11/2021,25/03/2021,ENV,Climate,No,01/01/2022,31/12/2024,EU.3.,"
    "Societal,Coordination and support action,NA,2021"
)
MLAB = (
    "1 Başlık: {title}\n2 Proje Hakkında Metni: Özet\n3 Proje Süresi: 24 Ay\n"
    "4 Durum: Devam Ediyor\n5 Paydaşlar: İzmir Büyükşehir Belediyesi\n6: Büyük Zorluk: İklim"
)


@pytest.mark.parametrize(
    ("name", "data", "errors"),
    [
        (
            "cordis.csv",
            _cordis(
                CORDIS_ROW.format(id=1, acronym="OK"), CORDIS_ROW.format(id=2, acronym="X")[:90]
            ),
            [("satır 3", "truncated_row")],
        ),
        (
            "cordis.csv",
            _cordis(CORDIS_ROW.format(id=1, acronym="A" * 100_000)),
            [("satır 2", "too_long")],
        ),
        ("projects.txt", MLAB.format(title="Proje " * 20_000).encode(), [("kayıt 1", "too_long")]),
    ],
)
def test_cut_off_rows_and_over_long_values_are_bad_rows(
    izmir, tmp_path, capsys, name, data, errors
) -> None:
    from django.core.management import call_command
    from django.core.management.base import CommandError

    from kopru.projects.services.imports import import_file

    with unscoped("test"), pytest.raises(ImportFailed) as refused:
        import_file(data=data, filename=name, office=izmir)
    found = [(e["position"], e["code"]) for e in refused.value.report.errors]
    assert found == errors
    reasons = " ".join(e["reason"] for e in refused.value.report.errors)
    assert ("kesilmiş" if errors[0][1] == "truncated_row" else "en çok") in reasons
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(CommandError):
        call_command("import_projects", str(path), "--office", "izmir")
    assert capsys.readouterr().err.startswith(f"{errors[0][0]}: ")
    with unscoped("test"):
        assert not Project.objects.exists()
