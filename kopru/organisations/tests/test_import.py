"""The directory's XLSX template: all-or-nothing, idempotent, documented; as a job and
as a management command; and the export in the same format."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from openpyxl import Workbook, load_workbook

from kopru.core.imports import ImportRejected as ImportFailed
from kopru.core.models import AuditEntry, Job
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.importers.directory import ORG_COLUMNS, TEAM_COLUMNS
from kopru.organisations.models import Organisation, TeamMember, TeamStatus
from kopru.organisations.services.imports import import_directory

pytestmark = pytest.mark.django_db

ORG_HEADERS = [c.header for c in ORG_COLUMNS]
TEAM_HEADERS = [c.header for c in TEAM_COLUMNS]


def workbook(orgs: list[dict[str, Any]], team: list[dict[str, Any]] | None = None, **kw) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = kw.get("org_sheet", "kurumlar")
    headers = kw.get("org_headers", ORG_HEADERS)
    ws.append(headers)
    for row in orgs:
        ws.append([row.get(h) for h in headers])
    if team is not None:
        ts = wb.create_sheet("ekip")
        ts.append(TEAM_HEADERS)
        for row in team:
            ts.append([row.get(h) for h in TEAM_HEADERS])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


ORGS = [
    {
        "ad": "Karesi Kaymakamlığı",
        "tur": "Kamu kurumu",
        "ilce": "KARESİ",
        "resmi_kimlik_no": "1000 200",
        "web_sitesi": "karesi.example.invalid",
        "ekip_durumu": "kuruldu",
        "ekip_kurulus_tarihi": dt.date(2024, 5, 2),
    },
    {
        "ad": "Altıeylül Gençlik Derneği",
        "tur": "ngo",
        "ilce": "altıeylül",
        "rehberde_yayimla": "hayır",
    },
    {"ad": "ISPARTA BELEDİYESİ", "tur": "Municipality", "ekip_durumu": "kuruluyor"},
]
TEAM = [
    {
        "kurum": "1000200",
        "ad_soyad": "Işıl Çağlar",
        "gorev": "Ekip lideri",
        "diller": "tr, İngilizce, de",
        "e_posta": "ISIL@example.invalid",
        "irtibat_kisisi": "evet",
    },
    {"kurum": "altieylul genclik dernegi", "ad_soyad": "Ömer Ünal", "gorev": "finance"},
]


def _import(office: Any, data: bytes) -> Any:
    with office_scope(office):
        return import_directory(office=office, data=data, actor="test")


def test_a_clean_file_is_written_and_reported(balikesir: Any):
    report = _import(balikesir, workbook(ORGS, TEAM))
    assert (report.created, report.updated, report.unchanged) == (3, 0, 0)
    assert report.members_created == 2
    with office_scope(balikesir):
        karesi = Organisation.objects.get(official_id="1000200")
        assert karesi.district.name == "Karesi"
        assert karesi.website == "https://karesi.example.invalid"
        assert karesi.team_status == TeamStatus.FORMED
        assert karesi.team_formed_on == dt.date(2024, 5, 2)
        assert not Organisation.objects.get(name="Altıeylül Gençlik Derneği").is_public
        leader = TeamMember.objects.get(organisation=karesi)
        assert leader.languages == ["tr", "en", "de"] and leader.role == "leader"
        assert leader.email == "isil@example.invalid" and leader.is_contact_point
    created = AuditEntry.objects.filter(action="organisations.organisation.created").count()
    assert created == 3
    assert AuditEntry.objects.filter(action="organisations.team_member.created").count() == 2


def test_importing_again_changes_nothing_and_updates_by_official_id_or_folded_name(balikesir):
    _import(balikesir, workbook(ORGS, TEAM))
    again = _import(balikesir, workbook(ORGS, TEAM))
    assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
    assert (again.members_created, again.members_updated, again.members_unchanged) == (0, 0, 2)
    changed = [
        {**ORGS[0], "ad": "T.C. Karesi Kaymakamlığı (yeni ad)", "telefon": "0266 000 00 00"},
        {**ORGS[1], "ad": "ALTIEYLÜL GENÇLİK DERNEĞİ"},  # same organisation, other spelling
        {**ORGS[2], "ad": "Isparta Belediyesi", "ekip_durumu": "Ekip kuruldu"},
    ]
    third = _import(balikesir, workbook(changed, [{**TEAM[1], "unvan": "Sayman"}]))
    assert (third.created, third.updated, third.unchanged) == (0, 3, 0)
    assert third.members_updated == 1
    with office_scope(balikesir):
        assert Organisation.objects.count() == 3
        karesi = Organisation.objects.get(official_id="1000200")
        assert karesi.name == "T.C. Karesi Kaymakamlığı (yeni ad)"
        # a blank cell never erases: the website stays
        assert karesi.website == "https://karesi.example.invalid"
        assert TeamMember.objects.get(full_name="Ömer Ünal").job_title == "Sayman"


def test_every_bad_row_is_reported_and_nothing_is_written(balikesir: Any):
    OrganisationFactory(office=balikesir, name="Mevcut Dernek")
    bad = [
        ORGS[0],
        {"ad": "", "tur": "ngo"},  # row 3: name missing
        {"ad": "Bilinmeyen Tür", "tur": "uzay ajansı"},  # row 4
        {"ad": "Yanlış İlçe", "tur": "ngo", "ilce": "Bornova"},  # row 5: İzmir's district
        {"ad": "Tarih", "tur": "ngo", "ekip_durumu": "kuruldu", "ekip_kurulus_tarihi": "dün"},
        {"ad": "Evet Hayır", "tur": "ngo", "rehberde_yayimla": "belki", "e_posta": "yok@"},
        {"ad": "karesi kaymakamligi", "tur": "public_body", "ilce": "Karesi"},  # dup of row 2
    ]
    team = [{"kurum": "Olmayan Kurum", "ad_soyad": "Ali Veli"}, {"kurum": "1000200"}]
    with pytest.raises(ImportFailed) as failed:
        _import(balikesir, workbook(bad, team))
    errors = {(e["sheet"], e["row"], e["column"]) for e in failed.value.report.errors}
    assert errors == {
        ("kurumlar", 3, "ad"),
        ("kurumlar", 4, "tur"),
        ("kurumlar", 5, "ilce"),
        ("kurumlar", 6, "ekip_kurulus_tarihi"),
        ("kurumlar", 7, "rehberde_yayimla"),
        ("kurumlar", 7, "e_posta"),
        ("kurumlar", 8, "ad"),
        ("ekip", 2, "kurum"),
        ("ekip", 3, "ad_soyad"),
    }
    reasons = " ".join(e["reason"] for e in failed.value.report.errors)
    assert "Bornova" in reasons and "uzay ajansı" in reasons
    with office_scope(balikesir):
        assert list(Organisation.objects.values_list("name", flat=True)) == ["Mevcut Dernek"]
    assert not TeamMember._base_manager.exists()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"ad,tur\nBir,ngo\n", "okunabilir bir Excel (.xlsx) çalışma kitabı değil"),
        (b"PK\x03\x04 broken zip", "okunabilir bir Excel (.xlsx) çalışma kitabı değil"),
        ("sheet", "“kurumlar” sayfası yok"),
        ("columns", "Zorunlu sütunlar eksik: tur"),
        ("big", "Dosya çok büyük"),
        ("empty", "Dosyada veri satırı yok"),
    ],
)
def test_broken_files_fail_cleanly(balikesir: Any, data: Any, reason: str, monkeypatch: Any):
    if data == "sheet":
        data = workbook(ORGS, org_sheet="Sayfa1")
    elif data == "columns":
        data = workbook([{"ad": "X"}], org_headers=["ad", "ilce"])
    elif data == "big":
        from kopru.organisations.importers import directory as importer

        monkeypatch.setattr(importer, "MAX_BYTES", 100)
        data = workbook(ORGS)
    elif data == "empty":
        data = workbook([], [])
    with pytest.raises(ImportFailed) as failed:
        _import(balikesir, data)
    assert reason in " ".join(e["reason"] for e in failed.value.report.errors)
    with office_scope(balikesir):
        assert not Organisation.objects.exists()


def test_template_documents_every_column_in_both_languages(client_for: Any, balikesir_expert):
    response = client_for(balikesir_expert).get("/balikesir/panel/kurumlar/ice-aktar/sablon.xlsx")
    assert response.status_code == 200
    wb = load_workbook(io.BytesIO(response.content))
    assert wb.sheetnames == ["kurumlar", "ekip", "aciklama"]
    assert [c.value for c in wb["kurumlar"][1]] == ORG_HEADERS
    assert [c.value for c in wb["ekip"][1]] == TEAM_HEADERS
    doc = list(wb["aciklama"].iter_rows(values_only=True))
    documented = {(r[0], r[1]) for r in doc[1:] if r and r[1]}
    assert documented == {("kurumlar", h) for h in ORG_HEADERS} | {
        ("ekip", h) for h in TEAM_HEADERS
    }
    tur = next(r for r in doc if r[1] == "tur")
    assert tur[3] == "Kurum türü (kod ya da adı)" and tur[4] == "Organisation type (code or name)"
    assert "municipality = Belediye / Municipality" in tur[5]
    ilce = next(r for r in doc if r[1] == "ilce")
    assert "Altıeylül" in ilce[5] and "Bornova" not in ilce[5]
    # The same template in English: the documentation sheet stays bilingual.
    english = client_for(balikesir_expert).get("/en/balikesir/panel/kurumlar/ice-aktar/sablon.xlsx")
    assert load_workbook(io.BytesIO(english.content)).sheetnames == wb.sheetnames


def test_export_is_reimported_unchanged_and_neutralises_formulas(client_for, balikesir_expert):
    office = balikesir_expert.office
    _import(office, workbook(ORGS, TEAM))
    OrganisationFactory(office=office, name='=HYPERLINK("http://x")')  # typed in a form
    client = client_for(balikesir_expert)
    exported = client.get("/balikesir/panel/kurumlar/disa-aktar.xlsx").content
    wb = load_workbook(io.BytesIO(exported))
    names = [r[0] for r in wb["kurumlar"].iter_rows(min_row=2, values_only=True)]
    assert '\'=HYPERLINK("http://x")' in names
    assert wb["kurumlar"].cell(row=2, column=1).data_type != "f"
    report = _import(office, exported)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 4)
    assert (report.members_created, report.members_updated) == (0, 0)


def test_the_panel_runs_the_import_as_a_job_with_its_report(
    client_for: Any, balikesir_expert: Any, django_capture_on_commit_callbacks: Any
):
    client = client_for(balikesir_expert)
    page = client.get("/balikesir/panel/kurumlar/ice-aktar/")
    assert "irtibat_kisisi" in page.content.decode()

    def upload(data: bytes, prefix: str = "", name: str = "rehber.xlsx") -> tuple[Any, str]:
        f = io.BytesIO(data)
        f.name = name
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{prefix}/balikesir/panel/kurumlar/ice-aktar/", {"file": f})
        if response.status_code != 302:
            return response, response.content.decode()
        return response, client.get(response["Location"]).content.decode()

    response, body = upload(workbook(ORGS, TEAM))
    job = Job._base_manager.get(kind="organisations.import")
    assert response["Location"].endswith(f"/isler/{job.pk}/")
    assert job.status == "succeeded" and job.done == job.total == 5
    assert "Eklenen kurum" in body and "3" in body
    _response, body = upload(workbook([{"ad": "X", "tur": "yok böyle"}]))
    assert "hiçbir kayıt yazılmadı" in body and "kurumlar · satır 2 · tur" in body
    _response, body = upload(workbook([{"ad": "X", "tur": "no such type"}]), prefix="/en")
    assert "nothing was written" in body and "kurumlar · row 2 · tur" in body
    assert "unknown value: “no such type”" in body
    response, _body = upload(b"x", name="rehber.csv")
    assert response.status_code == 200  # the form refuses it


def test_management_command_writes_everything_or_nothing(balikesir: Any, tmp_path: Any, capsys):
    good = tmp_path / "rehber.xlsx"
    good.write_bytes(workbook(ORGS, TEAM))
    call_command("import_organisations", str(good), "--office", "balikesir")
    assert "created=3" in capsys.readouterr().out
    bad = tmp_path / "hatali.xlsx"
    bad.write_bytes(workbook([{"ad": "Yeni Dernek", "tur": "ngo"}, {"ad": "Y", "tur": "?"}]))
    with pytest.raises(CommandError):
        call_command("import_organisations", str(bad), "--office", "balikesir")
    assert "kurumlar · satır 3 · tur" in capsys.readouterr().err
    with office_scope(balikesir):
        assert not Organisation.objects.filter(name="Yeni Dernek").exists()
    with pytest.raises(CommandError):
        call_command("import_organisations", str(good), "--office", "yok")


def test_an_over_long_value_is_a_bad_row_not_cut(balikesir: Any):
    with pytest.raises(ImportFailed) as failed:
        _import(balikesir, workbook([{"ad": "Dernek " * 20_000, "tur": "ngo"}]))
    (error,) = failed.value.report.errors
    assert (error["row"], error["column"]) == (2, "ad") and "300" in error["reason"]
    with office_scope(balikesir):
        assert not Organisation.objects.exists()


def test_the_header_may_sit_below_a_title_and_name_columns_by_their_field(balikesir: Any):
    """A filled-in sheet with a title and a blank row above the header, whose columns are
    named by their field (``name``, ``type``): rows are numbered as the sheet shows them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "kurumlar"
    ws.append(["Balıkesir kurumları, Aralık 2026"])
    ws.append([])
    ws.append(["name", "type", "district"])
    ws.append(["Karesi Kaymakamlığı", "public_body", "Karesi"])
    ws.append(["Bilinmeyen Tür", "uzay ajansı", ""])
    out = io.BytesIO()
    wb.save(out)
    with pytest.raises(ImportFailed) as failed:
        _import(balikesir, out.getvalue())
    assert [(e["row"], e["column"]) for e in failed.value.report.errors] == [(5, "tur")]
    ws.delete_rows(5)
    out = io.BytesIO()
    wb.save(out)
    report = _import(balikesir, out.getvalue())
    assert (report.created, report.updated, report.unchanged) == (1, 0, 0)
    with office_scope(balikesir):
        assert Organisation.objects.get().district.name == "Karesi"
