from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from kopru.core.imports import ImportRejected
from kopru.core.models import AuditEntry, Job
from kopru.core.scoping import office_scope, unscoped
from kopru.trainings import selectors, services
from kopru.trainings.importers.history import HEADERS
from kopru.trainings.models import Certificate, Event, Registration
from kopru.trainings.services.imports import history_import

from .factories import CertificateFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


def _xlsx(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "katilimcilar"
    ws.append(HEADERS)
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _import(office: Any, data: bytes) -> Any:
    return history_import(office=office, data=data, filename="", actor=None)


def _errors(office: Any, data: bytes) -> list[dict[str, Any]]:
    with pytest.raises(ImportRejected) as rejected:
        _import(office, data)
    return rejected.value.report.errors


def _row(code: str, name: str, email: str = "", **kw: Any) -> list[Any]:
    year = kw.get("year", 2008)
    return [
        code,
        kw.get("title", f"PDY Eğitimi {code}"),
        kw.get("type", "pcm"),
        dt.date(year, 5, 1),
        name,
        email,
        kw.get("phone", ""),
        "Bornova Belediyesi",
        kw.get("org", "municipality"),
        kw.get("district", "Bornova"),
        "31_50",
        kw.get("priority", "hayır"),
    ]


GOOD = [
    _row("2007-PDY-1", "Ayşe Yılmaz", "ayse@example.org", year=2007),
    _row("2007-PDY-1", "Mehmet Öz", "", year=2007, priority="evet"),
    _row(
        "2010-BG-1",
        "Ayşe Yılmaz",
        "AYSE@example.org",
        year=2010,
        type="info_day",
        title="Bilgi günü",
        district="Karşıyaka",
    ),
]


def test_template_download_is_the_documented_template(client_for: Any, izmir_expert: Any) -> None:
    response = client_for(izmir_expert).get("/izmir/panel/egitimler/gecmis-aktar/sablon.xlsx")
    wb = load_workbook(io.BytesIO(response.content))
    assert [c.value for c in wb["katilimcilar"][1]] == HEADERS
    assert "aciklama" in wb.sheetnames


def test_import_counts_and_is_idempotent_and_statistics_show_it(izmir: Any) -> None:
    with office_scope(izmir):
        report = _import(izmir, _xlsx(GOOD))
        assert report.errors == [] and report.created == 3 and report.events_created == 2
        again = _import(izmir, _xlsx(GOOD))
        assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
        stats = selectors.training_statistics()
    assert stats["totals"] == {"participations": 3, "people": 2, "events": 2}
    assert stats["first_year"] == 2007
    assert [(r["year"], r["participations"]) for r in stats["by_year"]] == [(2007, 2), (2010, 1)]
    assert {r["label"]: r["participations"] for r in stats["by_district"]} == {
        "Bornova": 2,
        "Karşıyaka": 1,
    }
    assert {r["priority_group"]: r["participations"] for r in stats["by_priority"]} == {
        False: 2,
        True: 1,
    }


def test_bad_rows_are_all_reported_and_nothing_is_written(izmir: Any) -> None:
    rows = [
        *GOOD,
        _row("X-1", "", "a@example.org"),
        _row("X-2", "Bir Kişi", "not-an-email"),
        _row("X-3", "Biri", phone="123"),
        _row("X-4", "Başka", district="Bandırma"),
        _row("X-5", "Diğer", type="seminer"),
    ]
    with office_scope(izmir):
        errors = _errors(izmir, _xlsx(rows))
        assert [e["position"] for e in errors] == [
            "katilimcilar · satır 5 · ad_soyad",
            "katilimcilar · satır 6 · e_posta",
            "katilimcilar · satır 7 · telefon",
            "katilimcilar · satır 8 · ilce",
            "katilimcilar · satır 9 · etkinlik_turu",
        ]
        assert "ilçe bu ilde yok" in errors[3]["reason"]
        assert Registration.objects.count() == 0 and Event.objects.count() == 0


def test_import_through_the_panel_runs_as_a_job_and_stats_page_shows_history(
    client_for: Any, izmir_coordinator: Any, django_capture_on_commit_callbacks: Any
) -> None:
    c = client_for(izmir_coordinator)
    upload = SimpleUploadedFile("gecmis.xlsx", _xlsx(GOOD))
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post("/izmir/panel/egitimler/gecmis-aktar/", {"file": upload})
    assert response.status_code == 302
    with unscoped("test"):
        assert Job.objects.get().status == "succeeded"
    page = c.get("/izmir/panel/egitim-istatistikleri/").content.decode()
    assert "2007 yılından bu yana 2 kişi eğitimlerimize katıldı." in page
    assert 'id="training-chart-data"' in page


def test_export_and_erase_keep_statistics(
    client_for: Any, balikesir_coordinator: Any, balikesir_expert: Any, event: Any
) -> None:
    a = RegistrationFactory(
        event=event, full_name="Zeynep Aksoy", email="z@example.org", attended=True
    )
    RegistrationFactory(event=event, attended=True)
    CertificateFactory(registration=a)
    with office_scope(event.office):
        before = selectors.training_statistics()["totals"]
    # experts may not handle personal-data requests
    assert (
        client_for(balikesir_expert).get("/balikesir/panel/egitimler/kisisel-veri/").status_code
        == 404
    )
    c = client_for(balikesir_coordinator)
    page = c.get("/balikesir/panel/egitimler/kisisel-veri/", {"q": "zeynep"}).content.decode()
    assert "z@example.org" in page
    exported = c.get(
        "/balikesir/panel/egitimler/kisisel-veri/disa-aktar/", {"kisi": "e:z@example.org"}
    )
    data = json.loads(exported.content)
    assert data["registrations"][0]["full_name"] == "Zeynep Aksoy"
    assert data["registrations"][0]["certificates"]
    xlsx = c.get(
        "/balikesir/panel/egitimler/kisisel-veri/disa-aktar/",
        {"kisi": "e:z@example.org", "bicim": "xlsx"},
    )
    assert xlsx.content[:2] == b"PK"
    c.post("/balikesir/panel/egitimler/kisisel-veri/sil/", {"kisi": "e:z@example.org"})
    with office_scope(event.office):
        assert selectors.training_statistics()["totals"] == before
        reg = Registration.objects.get(pk=a.pk)
        assert reg.full_name == "" and reg.email == "" and reg.erased_at
        assert Certificate.objects.get(registration=reg).holder_name == "—"
        assert not Registration.objects.filter(full_name__contains="Zeynep").exists()


def test_feedback_flow(client: Any, client_for: Any, balikesir_expert: Any, event: Any) -> None:
    from django.core import mail

    from kopru.trainings.tokens import make_token

    reg = RegistrationFactory(event=event, attended=True)
    client_for(balikesir_expert).post(f"/balikesir/panel/egitimler/{event.pk}/degerlendirme/")
    assert len(mail.outbox) == 1 and "/egitimler/degerlendirme/" in mail.outbox[0].body
    client.logout()
    url = f"/balikesir/egitimler/degerlendirme/{make_token(reg.pk, 'feedback')}/"
    assert client.get(url).status_code == 200
    client.post(url, {"overall": "5", "usefulness": "4", "trainer": "5", "comment": "Süper"})
    with office_scope(event.office):
        summary = selectors.feedback_summary(event)
    assert summary["n"] == 1 and summary["overall"] == 5 and summary["comments"] == ["Süper"]
    with pytest.raises(Exception, match="zaten"):
        services.feedback_submit(
            registration=reg, data={"overall": 1, "usefulness": 1, "trainer": 1}
        )


def test_api_lists_published_events(client: Any, event: Any, izmir: Any) -> None:
    from .factories import EventFactory

    EventFactory(office=event.office, status="draft")
    EventFactory(office=izmir)
    body = client.get("/api/v1/events/").json()
    assert body["count"] == 2 and {"count", "results"} <= set(body)
    assert {r["office"] for r in body["results"]} == {"balikesir", "izmir"}
    only = client.get("/api/v1/events/", {"office": "balikesir"}).json()
    assert only["count"] == 1 and len(only["results"][0]["sessions"]) == 2


def test_an_over_long_value_is_a_bad_row_not_cut(izmir: Any) -> None:
    rows = [_row("X-1", "Ayşe Yılmaz", title="Eğitim " * 20_000)]
    with office_scope(izmir):
        errors = _errors(izmir, _xlsx(rows))
        assert [e["position"] for e in errors] == ["katilimcilar · satır 2 · etkinlik_adi"]
        assert "250" in errors[0]["reason"]
        assert not Event.objects.exists() and not Registration.objects.exists()


def test_the_header_may_sit_below_a_title_row(izmir: Any) -> None:
    """A title above the header on a sheet of another name (the first sheet is read): the
    header is found, and positions name that sheet and number rows as it shows them."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Sayfa1"
    ws.append(["İzmir eğitim geçmişi 2007-2010"])
    ws.append(HEADERS)
    for row in (*GOOD, _row("X-1", "Bir Kişi", "not-an-email")):
        ws.append(row)
    out = io.BytesIO()
    wb.save(out)
    with office_scope(izmir):
        errors = _errors(izmir, out.getvalue())
        assert [(e["sheet"], e["row"], e["column"]) for e in errors] == [("sayfa1", 6, "e_posta")]
        assert errors[0]["position"] == "sayfa1 · satır 6 · e_posta"
        ws.delete_rows(6)
        out = io.BytesIO()
        wb.save(out)
        report = _import(izmir, out.getvalue())
        assert (report.created, report.events_created) == (3, 2)
        assert Registration.objects.count() == 3


def test_history_import_audits_every_record_and_erasure_scrubs_the_person(
    izmir: Any, izmir_coordinator: Any
) -> None:
    """One audit entry per event and participation created or changed, none for what a
    re-import leaves alone; erasing a person takes their name and details out of the
    audit entries of their registrations too."""

    def actions() -> dict[str, int]:
        entries = AuditEntry.objects.filter(action__startswith="trainings.")
        return dict(Counter(entries.values_list("action", flat=True)))

    with office_scope(izmir):
        _import(izmir, _xlsx(GOOD))
        first = actions()
        assert first == {
            "trainings.event.imported": 2,
            "trainings.registration.imported": 3,
            "trainings.history.imported": 1,
        }
        _import(izmir, _xlsx(GOOD))
        assert actions() == {**first, "trainings.history.imported": 2}
        changed = [*GOOD]
        changed[1] = _row("2007-PDY-1", "Mehmet Öz", "", year=2007, priority="evet",
                          phone="0532 123 45 67")  # fmt: skip
        changed[2] = [*GOOD[2][:1], "Bilgi günü (AB fonları)", *GOOD[2][2:]]
        _import(izmir, _xlsx(changed))
        entries = AuditEntry.objects.filter(action__endswith=".import_updated")
        assert {(e.action, *e.changes) for e in entries} == {
            ("trainings.registration.import_updated", "phone"),
            ("trainings.event.import_updated", "title_tr"),
        }
        mehmet = Registration.objects.get(full_name="Mehmet Öz")
        assert AuditEntry.objects.filter(object_repr="Mehmet Öz").count() == 2
        services.person_erase(person_key=mehmet.person_key, actor=izmir_coordinator)
    scrubbed = AuditEntry.objects.get(action="trainings.registration.import_updated")
    assert scrubbed.object_repr == "—" and scrubbed.changes == {"phone": ["—", "—"]}
    entries = AuditEntry.objects.values("object_repr", "changes", "data")
    trail = json.dumps(list(entries), ensure_ascii=False)
    assert "Mehmet" not in trail and "532" not in trail
    assert "Ayşe Yılmaz" in trail  # only the erased person's entries are scrubbed


def test_erasure_takes_the_address_out_of_an_imported_registration_and_a_reimport_skips_it(
    izmir: Any, izmir_coordinator: Any
) -> None:
    """An imported registration's source_id holds the e-mail (or the name): erasure hashes
    it, and importing the same file again finds the erased registrations and leaves them."""
    with office_scope(izmir):
        _import(izmir, _xlsx(GOOD))
        services.person_erase(person_key="e:ayse@example.org", actor=izmir_coordinator)
        ids = list(Registration.objects.values_list("source_id", flat=True))
        assert not any("ayse" in i or "Ayşe" in i for i in ids)
        assert sorted(i.split(":#")[0] for i in ids if ":#" in i) == ["2007-PDY-1", "2010-BG-1"]
        again = _import(izmir, _xlsx(GOOD))
        assert (again.created, again.updated, again.unchanged) == (0, 0, 3)
        assert Registration.objects.count() == 3
        assert not Registration.objects.filter(full_name="Ayşe Yılmaz").exists()


def test_migration_hashes_the_source_id_of_registrations_erased_before(izmir: Any) -> None:
    import importlib

    from django.apps import apps

    with office_scope(izmir):
        _import(izmir, _xlsx(GOOD))
    old = Registration._base_manager.filter(email="ayse@example.org")
    old.update(erased_at=timezone.now(), full_name="", email="")
    migration = importlib.import_module("kopru.trainings.migrations.0002_erased_source_ids")
    migration.forwards(apps, None)
    ids = list(Registration._base_manager.values_list("source_id", flat=True))
    assert sum(":#" in i for i in ids) == 2 and not any("ayse" in i for i in ids)
    assert "2007-PDY-1:mehmet oz" in ids  # not erased: unchanged
