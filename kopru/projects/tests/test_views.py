"""Who sees what: staff, institution members, the public, the API; exports."""

from __future__ import annotations

import io
import json

import pytest
from openpyxl import load_workbook

from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.geo.models import District
from kopru.projects.models import Project, Stage
from kopru.projects.tests.factories import PartnerFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_member_creates_project_for_own_organisation(
    client_for, balikesir, balikesir_member
) -> None:
    client = client_for(balikesir_member)
    r = client.post(
        "/balikesir/kurum/projelerim/yeni/",
        {
            "title_tr": "Mahalle gençlik atölyesi",
            "programme": "Erasmus+",
            "currency": "EUR",
            "sectors": ["youth"],
            "target_groups": ["youth", "women"],
            "stage": "in_preparation",
        },
    )
    assert r.status_code == 302, r.content.decode()[:2000]
    with office_scope(balikesir):
        project = Project.objects.get(title_tr="Mahalle gençlik atölyesi")
    assert project.owner_id == balikesir_member.organisation_id
    assert project.stage == Stage.IN_PREPARATION
    assert project.is_published is False
    assert project.has_priority_group is True
    r = client.post(
        f"/balikesir/kurum/projelerim/{project.pk}/asama/",
        {"to_stage": "submitted", "version": project.version},
    )
    assert r.status_code == 302
    with office_scope(balikesir):
        assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_member_sees_only_own_organisation(client_for, balikesir, balikesir_member) -> None:
    own = ProjectFactory(office=balikesir, owner=balikesir_member.organisation, title_tr="Bizim")
    other = ProjectFactory(office=balikesir, title_tr="Başkasının")
    client = client_for(balikesir_member)
    page = client.get("/balikesir/kurum/projelerim/").content.decode()
    assert "Bizim" in page and "Başkasının" not in page
    assert client.get(f"/balikesir/kurum/projelerim/{other.pk}/").status_code == 404
    assert client.get(f"/balikesir/kurum/projelerim/{other.pk}/duzenle/").status_code == 404
    assert client.get(f"/balikesir/kurum/projelerim/{own.pk}/").status_code == 200
    assert client.get("/balikesir/panel/projeler/").status_code == 404


def test_member_cannot_approve(client_for, balikesir, balikesir_member) -> None:
    project = ProjectFactory(
        office=balikesir, owner=balikesir_member.organisation, stage=Stage.SUBMITTED
    )
    client_for(balikesir_member).post(
        f"/balikesir/kurum/projelerim/{project.pk}/asama/", {"to_stage": "approved"}
    )
    with office_scope(balikesir):
        assert Project.objects.get(pk=project.pk).stage == Stage.SUBMITTED


def test_unknown_partner_country_is_an_error(client_for, balikesir, balikesir_expert) -> None:
    project = ProjectFactory(office=balikesir)
    client = client_for(balikesir_expert)
    r = client.post(
        f"/balikesir/panel/projeler/{project.pk}/ortak/",
        {"name": "Xyz", "country": "QQ", "role": "partner"},
    )
    assert r.status_code == 400
    r = client.post(
        f"/balikesir/panel/projeler/{project.pk}/ortak/",
        {"name": "Athens Lab", "country": "EL", "role": "partner"},
    )
    assert r.status_code == 302
    with office_scope(balikesir):
        from kopru.projects.models import Partner

        assert Partner.objects.get(project=project).country == "GR"


def test_staff_list_and_detail_bounded(
    client_for, balikesir, balikesir_expert, django_assert_max_num_queries
) -> None:
    projects = [ProjectFactory(office=balikesir) for _ in range(20)]
    for p in projects[:5]:
        PartnerFactory(project=p)
    client = client_for(balikesir_expert)
    with django_assert_max_num_queries(14):
        assert client.get("/balikesir/panel/projeler/?sector=youth").status_code == 200
    with django_assert_max_num_queries(25):
        assert client.get(f"/balikesir/panel/projeler/{projects[0].pk}/").status_code == 200


def test_public_sees_published_and_public_fields_only(client, balikesir, izmir) -> None:
    ProjectFactory(office=balikesir, title_tr="Açık proje", staff_notes="GİZLİ-NOT")
    hidden = ProjectFactory(office=balikesir, title_tr="Taslak proje", is_published=False)
    ProjectFactory(office=izmir, title_tr="İzmir projesi")
    page = client.get("/balikesir/veri-bankasi/").content.decode()
    assert "Açık proje" in page and "Taslak proje" not in page and "İzmir projesi" not in page
    assert client.get(f"/balikesir/veri-bankasi/{hidden.pk}/").status_code == 404
    assert (
        "GİZLİ-NOT" not in client.get("/balikesir/veri-bankasi/acik-veri.csv").getvalue().decode()
    )


def test_databank_turkish_search_and_facets(
    client, balikesir, django_assert_max_num_queries
) -> None:
    karesi = District.objects.get(province=balikesir.province, name="Karesi")
    ProjectFactory(
        office=balikesir, title_tr="İZMİR YOLU ÜZERİNDE ISPARTA GÜLLERİ", districts=[karesi]
    )
    ProjectFactory(
        office=balikesir, title_tr="Çevre eğitimi", sectors=["environment"], target_groups=["women"]
    )
    with django_assert_max_num_queries(10):
        r = client.get("/balikesir/veri-bankasi/?q=izmir")
    page = r.content.decode()
    assert "ISPARTA" in page and "Çevre eğitimi" not in page
    assert "ISPARTA" in client.get("/balikesir/veri-bankasi/?q=ısparta").content.decode()
    r = client.get(f"/balikesir/veri-bankasi/?district={karesi.pk}")
    assert r.context["page"].paginator.count == 1
    facets = {f.name: f.options for f in client.get("/balikesir/veri-bankasi/").context["facets"]}
    assert ("environment", "Çevre ve iklim", 1) in facets["sector"]
    assert ("youth", "Gençlik ve spor", 1) in facets["sector"]
    assert ("1", "Öncelikli grup var", 1) in facets["priority"]
    assert (str(karesi.pk), "Karesi", 1) in facets["district"]
    table = client.get("/balikesir/veri-bankasi/ilceler/").content.decode()
    assert "Karesi" in table


def test_api_anonymous_sees_published_only(client, balikesir, balikesir_expert) -> None:
    ProjectFactory(office=balikesir, title_tr="Yayımlanan gençlik projesi")
    ProjectFactory(office=balikesir, title_tr="Gizli gençlik projesi", is_published=False)
    data = client.get("/api/v1/projects/?q=genclik").json()
    assert data["count"] == 1
    assert data["results"][0]["title_tr"] == "Yayımlanan gençlik projesi"
    assert "staff_notes" not in data["results"][0]
    assert client.get("/api/v1/projects/?stage=idea").json()["count"] == 0
    client.force_login(balikesir_expert)
    assert client.get("/api/v1/projects/?q=genclik").json()["count"] == 2


def test_export_neutralises_formulas(client_for, balikesir, balikesir_expert) -> None:
    ProjectFactory(office=balikesir, title_tr='=HYPERLINK("http://x")', staff_notes="@SUM(A1)")
    ProjectFactory(office=balikesir, title_tr="Başka", stage=Stage.IDEA)
    r = client_for(balikesir_expert).get(
        "/balikesir/panel/projeler/disa-aktar.xlsx?stage=in_implementation"
    )
    ws = load_workbook(io.BytesIO(r.content)).active
    rows = list(ws.iter_rows(values_only=True))
    assert len(rows) == 2  # header + the filtered project
    header = rows[0]
    assert rows[1][header.index("Başlık (Türkçe)")] == '\'=HYPERLINK("http://x")'
    assert rows[1][header.index("Ofis notları")] == "'@SUM(A1)"


def test_open_data_json(client, balikesir) -> None:
    ProjectFactory(office=balikesir, title_tr="Açık veri projesi")
    ProjectFactory(office=balikesir, is_published=False)
    r = client.get("/balikesir/veri-bankasi/acik-veri.json")
    data = json.loads(r.content)
    assert data["count"] == 1 and data["results"][0]["title_tr"] == "Açık veri projesi"
    assert client.get("/balikesir/veri-bankasi/acik-veri.exe").status_code == 404


def test_staff_publishes(client_for, balikesir, balikesir_expert) -> None:
    project = ProjectFactory(office=balikesir, is_published=False)
    client_for(balikesir_expert).post(
        f"/balikesir/panel/projeler/{project.pk}/yayin/", {"publish": "1"}
    )
    with office_scope(balikesir):
        assert Project.objects.get(pk=project.pk).is_published


def test_other_office_organisation_cannot_own(
    client_for, balikesir, izmir, balikesir_expert
) -> None:
    foreign = OrganisationFactory(office=izmir)
    r = client_for(balikesir_expert).post(
        "/balikesir/panel/projeler/yeni/",
        {"title_tr": "X", "owner": foreign.pk, "currency": "EUR"},
    )
    assert r.status_code == 200  # form error: not a choice
    with office_scope(balikesir):
        assert not Project.objects.filter(title_tr="X").exists()


def test_api_facet_parameters_and_bounded_queries(
    client, balikesir, izmir, django_assert_max_num_queries
) -> None:
    for _ in range(8):
        ProjectFactory(office=balikesir, sectors=["energy"], target_groups=["farmers"])
    ProjectFactory(office=izmir, sectors=["youth"])
    with django_assert_max_num_queries(6):
        data = client.get("/api/v1/projects/?sector=energy&office=balikesir").json()
    assert data["count"] == 8
    assert client.get("/api/v1/projects/?priority=1").json()["count"] == 1
    assert client.get("/api/v1/projects/?target=farmers&year=2025").json()["count"] == 8
    assert client.get("/api/v1/projects/?year=2024").json()["count"] == 0


def test_project_pages_link_the_call_when_it_is_in_the_catalogue(
    client, client_for, izmir, izmir_expert
):
    from kopru.calls.tests.factories import CallFactory
    from kopru.projects.tests.factories import ProjectFactory

    call = CallFactory(office=izmir, state="published", call_identifier="HORIZON-CL5-2026-D1-01")
    draft = CallFactory(office=izmir, state="draft", call_identifier="LIFE-2026-SAP-ENV")
    linked = ProjectFactory(
        office=izmir, call_identifier="horizon-cl5-2026-d1-01", is_published=True
    )
    unlinked = ProjectFactory(
        office=izmir, call_identifier=draft.call_identifier, is_published=True
    )
    href = f'href="/izmir/cagrilar/{call.pk}/"'
    assert href in client.get(f"/izmir/veri-bankasi/{linked.pk}/").content.decode()
    body = client.get(f"/izmir/veri-bankasi/{unlinked.pk}/").content.decode()
    assert f"/izmir/cagrilar/{draft.pk}/" not in body
    staff = client_for(izmir_expert).get(f"/izmir/panel/projeler/{linked.pk}/").content.decode()
    assert href in staff
