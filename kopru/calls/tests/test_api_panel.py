"""The read-only API, the staff workflow and matching."""

from __future__ import annotations

import pytest

from kopru.calls.models import Call, State
from kopru.core.models import AuditEntry
from kopru.core.scoping import unscoped

from .factories import CallFactory, PublishedCallFactory

pytestmark = pytest.mark.django_db


def test_api_lists_published_calls_with_filters(client, izmir, balikesir) -> None:
    PublishedCallFactory(office=izmir, title_tr="İZMİR iklim çağrısı", level="regional")
    PublishedCallFactory(office=balikesir, title_tr="Balıkesir gençlik")
    CallFactory(office=izmir, title_tr="İzmir taslak")
    data = client.get("/api/v1/calls/?q=izmir").json()
    assert data["count"] == 1
    assert data["results"][0]["title_tr"] == "İZMİR iklim çağrısı"
    assert data["results"][0]["status"] == "open"
    assert client.get("/api/v1/calls/?level=eu").json()["count"] == 1
    assert client.get("/api/v1/calls/?office=izmir").json()["count"] == 1
    assert client.get("/api/v1/calls/?sector=environment&target=youth").json()["count"] == 2
    schema = client.get("/api/v1/schema/").content.decode()
    assert "/api/v1/calls/" in schema


def test_api_staff_see_their_drafts(client_for, izmir_expert) -> None:
    CallFactory(office=izmir_expert.office, title_tr="Taslak")
    data = client_for(izmir_expert).get("/api/v1/calls/").json()
    assert data["count"] == 1


def test_create_edit_publish_archive_are_audited(client_for, izmir_expert) -> None:
    client = client_for(izmir_expert)
    form = {
        "title_tr": "Belediyeler için iklim hibesi",
        "level": "local",
        "instrument": "grant",
        "deadline_model": "two_stage",
        "currency": "TRY",
        "source": "manual",
        "applicant_types": ["municipality"],
        "deadlines": "2030-01-10 17:00 Europe/Brussels\n2030-05-10 17:00 Europe/Brussels",
    }
    response = client.post("/izmir/panel/cagrilar/yeni/", form)
    assert response.status_code == 302
    with unscoped("test"):
        call = Call.objects.get()
        assert [d.stage for d in call.deadlines.all()] == [1, 2]
    detail = f"/izmir/panel/cagrilar/{call.pk}/"
    assert client.get(detail).status_code == 200
    edit = client.post(
        f"{detail}duzenle/", {**form, "title_tr": "Yeni başlık", "version": call.version}
    )
    assert edit.status_code == 302
    stale = client.post(f"{detail}duzenle/", {**form, "title_tr": "Eski", "version": 1})
    assert stale.status_code == 409
    assert client.post(f"{detail}yayimla/").status_code == 302
    assert client.post(f"{detail}arsivle/").status_code == 302
    with unscoped("test"):
        call.refresh_from_db()
        assert call.state == State.ARCHIVED and call.title_tr == "Yeni başlık"
        actions = set(
            AuditEntry.objects.filter(object_id=str(call.pk)).values_list("action", flat=True)
        )
    assert {
        "calls.call.created",
        "calls.call.updated",
        "calls.call.published",
        "calls.call.archived",
    } <= actions


def test_two_stage_needs_two_deadlines(client_for, izmir_expert) -> None:
    response = client_for(izmir_expert).post(
        "/izmir/panel/cagrilar/yeni/",
        {
            "title_tr": "x",
            "level": "eu",
            "instrument": "grant",
            "deadline_model": "two_stage",
            "currency": "EUR",
            "source": "manual",
            "deadlines": "2030-01-10 17:00",
        },
    )
    assert response.status_code == 200
    assert "iki son tarihi" in response.content.decode()


def test_documents_are_type_and_size_checked(client_for, izmir_expert) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    call = CallFactory(office=izmir_expert.office)
    client = client_for(izmir_expert)
    url = f"/izmir/panel/cagrilar/{call.pk}/belge-ekle/"
    fake = SimpleUploadedFile("rehber.pdf", b"MZ not a pdf")
    response = client.post(url, {"doc-title": "Rehber", "doc-file": fake})
    assert response.status_code == 200
    assert not call.documents.exists()
    exe = SimpleUploadedFile("x.exe", b"MZ")
    client.post(url, {"doc-title": "x", "doc-file": exe})
    assert not call.documents.exists()
    pdf = SimpleUploadedFile("rehber.pdf", b"%PDF-1.4 test")
    assert client.post(url, {"doc-title": "Rehber", "doc-file": pdf}).status_code == 302
    assert call.documents.count() == 1


def test_panel_list_shows_closing_soon(client_for, izmir_expert, django_assert_max_num_queries):
    import datetime as dt

    from django.utils import timezone

    for _ in range(5):
        PublishedCallFactory(
            office=izmir_expert.office, deadline=timezone.now() + dt.timedelta(days=5)
        )
    client = client_for(izmir_expert)
    with django_assert_max_num_queries(20):
        response = client.get("/izmir/panel/cagrilar/")
    assert response.status_code == 200
    assert "Yakında kapanan" in response.content.decode()


def test_other_office_cannot_open_or_edit(client_for, balikesir_expert, izmir) -> None:
    call = CallFactory(office=izmir)
    client = client_for(balikesir_expert)
    assert client.get(f"/balikesir/panel/cagrilar/{call.pk}/").status_code == 404
    assert client.get(f"/izmir/panel/cagrilar/{call.pk}/").status_code == 404


def test_settings_only_for_the_coordinator(client_for, izmir_coordinator, izmir_expert) -> None:
    assert client_for(izmir_expert).get("/izmir/panel/cagrilar/ayarlar/").status_code == 404
    client = client_for(izmir_coordinator)
    assert client.post("/izmir/panel/cagrilar/ayarlar/", {}).status_code == 302
    from kopru.calls.models import CallSettings

    assert (
        CallSettings._base_manager.get(office=izmir_coordinator.office).publish_eu_on_import
        is False
    )


def test_matching_ranks_with_reasons(client, izmir) -> None:
    PublishedCallFactory(
        office=izmir,
        title_tr="Belediye iklim",
        applicant_types=["municipality"],
        sectors=["environment"],
        target_groups=["youth"],
    )
    PublishedCallFactory(office=izmir, title_tr="Yalnız KOBİ", applicant_types=["sme"])
    PublishedCallFactory(
        office=izmir, title_tr="Başka il", applicant_types=["municipality"], eligible_plates=["06"]
    )
    response = client.get(
        "/izmir/cagrilar/eslestir/?org_type=municipality&sectors=environment&target_groups=youth"
    )
    results = response.context["results"]
    assert [m.call.title_tr for m in results] == ["Belediye iklim"]
    reasons = "; ".join(results[0].reasons)
    assert "Belediye" in reasons and "Gençler" in reasons and "Çevre" in reasons


def test_api_filters_say_no(client, izmir) -> None:
    PublishedCallFactory(office=izmir, programme="Horizon Europe", sectors=["environment"])
    ok = client.get("/api/v1/calls/?programme=Horizon+Europe&sector=environment&office=izmir")
    assert ok.status_code == 200 and ok.json()["count"] == 1
    for query, name in [
        ("zzz=1", "zzz"),
        ("target_groups=youth", "target_groups"),
        ("target=young", "target"),
        ("sector=climate", "sector"),
        ("level=galactic", "level"),
        ("status=soon", "status"),
        ("deadline=5", "deadline"),
        ("sort=random", "sort"),
        ("programme=Nonexistent", "programme"),
        ("office=atlantis", "office"),
    ]:
        response = client.get(f"/api/v1/calls/?{query}")
        assert response.status_code == 400, query
        assert name in response.json()["errors"], query
    # Former codes are still read.
    assert client.get("/api/v1/calls/?sector=mobility").status_code == 200


def test_api_schema_lists_every_filter_with_its_values(client) -> None:
    schema = client.get("/api/v1/schema/?format=json").json()
    params = {p["name"]: p for p in schema["paths"]["/api/v1/calls/"]["get"]["parameters"]}
    for name in ("q", "office", "sort", "level", "instrument", "programme", "funder"):
        assert name in params
    for name in ("status", "applicant", "target", "sector", "deadline", "level", "instrument"):
        assert "enum" in params[name]["schema"]["items"], name
    assert "youth" in params["target"]["schema"]["items"]["enum"]
    assert "municipality" in params["applicant"]["schema"]["items"]["enum"]
