"""Project teams: staff edit any organisation's, a member only their own's; audited,
versioned; the public bodies without a team; personal data."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import translation

from kopru.core.audit import history_for
from kopru.core.models import AuditEntry
from kopru.core.personal_data import personal_data_erase, personal_data_find
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.models import OrganisationType, TeamMember, TeamStatus

from .factories import PublicBodyFactory, TeamMemberFactory

pytestmark = pytest.mark.django_db

MEMBER = {
    "full_name": "Işıl Çağlar",
    "role": "finance",
    "job_title": "Mali Hizmetler Uzmanı",
    "skills": "bütçe, satın alma",
    "languages": ["tr", "de"],
    "email": "Isil.Caglar@Example.invalid",
    "phone": "",
}


def test_staff_add_edit_and_remove_a_team_member_of_any_organisation(
    client_for: Any, balikesir_expert: Any, balikesir: Any
):
    org = PublicBodyFactory(office=balikesir)
    client = client_for(balikesir_expert)
    response = client.post(f"/balikesir/panel/kurumlar/{org.pk}/ekip/yeni/", MEMBER)
    assert response.status_code == 302
    member = TeamMember._base_manager.get(organisation=org)
    assert member.email == "isil.caglar@example.invalid"
    detail = client.get(f"/balikesir/panel/kurumlar/{org.pk}/").content.decode()
    assert "Işıl Çağlar" in detail and "Almanca" in detail
    response = client.post(
        f"/balikesir/panel/ekip-uyeleri/{member.pk}/duzenle/",
        {**MEMBER, "role": "leader", "version": member.version, "is_contact_point": "on"},
    )
    assert response.status_code == 302
    member.refresh_from_db()
    assert member.role == "leader" and member.is_contact_point and member.version == 2
    assert client.post(f"/balikesir/panel/ekip-uyeleri/{member.pk}/sil/").status_code == 302
    assert not TeamMember._base_manager.filter(pk=member.pk).exists()
    actions = list(AuditEntry.objects.filter(office=balikesir).values_list("action", flat=True))
    assert "organisations.team_member.created" in actions
    assert "organisations.team_member.updated" in actions
    assert "organisations.team_member.deleted" in actions


def test_team_status_is_versioned_and_audited(client_for: Any, balikesir_expert: Any, balikesir):
    org = PublicBodyFactory(office=balikesir)
    client = client_for(balikesir_expert)
    url = f"/balikesir/panel/kurumlar/{org.pk}/ekip-durumu/"
    ok = client.post(url, {"team_status": "formed", "team_formed_on": "2025-03-01", "version": 1})
    assert ok.status_code == 302
    stale = client.post(url, {"team_status": "none", "version": 1})
    assert stale.status_code == 409
    org.refresh_from_db()
    assert org.team_status == TeamStatus.FORMED and str(org.team_formed_on) == "2025-03-01"
    future = client.post(
        url, {"team_status": "formed", "team_formed_on": "2999-01-01", "version": 2}
    )
    assert future.status_code == 200 and "gelecekte" in future.content.decode()
    client.post(url, {"team_status": "forming", "team_formed_on": "2025-03-01", "version": 2})
    org.refresh_from_db()
    assert org.team_status == TeamStatus.FORMING and org.team_formed_on is None
    with office_scope(balikesir):
        assert [e.action for e in history_for(org)][:2] == [
            "organisations.team.status_changed",
            "organisations.team.status_changed",
        ]


def test_two_people_editing_one_member_do_not_overwrite_each_other(
    client_for: Any, balikesir_expert: Any, balikesir: Any
):
    member = TeamMemberFactory(office=balikesir)
    client = client_for(balikesir_expert)
    url = f"/balikesir/panel/ekip-uyeleri/{member.pk}/duzenle/"
    data = {**MEMBER, "version": 1}
    assert client.post(url, data).status_code == 302
    response = client.post(url, {**data, "full_name": "Başka Ad"})
    assert response.status_code == 409
    member.refresh_from_db()
    assert member.full_name == "Işıl Çağlar"


def test_one_contact_point_per_team(client_for: Any, balikesir_expert: Any, balikesir: Any):
    first = TeamMemberFactory(office=balikesir, is_contact_point=True)
    org = first.organisation
    client = client_for(balikesir_expert)
    client.post(
        f"/balikesir/panel/kurumlar/{org.pk}/ekip/yeni/", {**MEMBER, "is_contact_point": "on"}
    )
    first.refresh_from_db()
    assert not first.is_contact_point
    assert TeamMember._base_manager.get(organisation=org, is_contact_point=True).full_name == (
        "Işıl Çağlar"
    )


def test_member_edits_their_own_team_in_the_kurum_area(client_for: Any, balikesir_member: Any):
    org = balikesir_member.organisation
    client = client_for(balikesir_member)
    page = client.get("/balikesir/kurum/proje-ekibi/")
    assert page.status_code == 200 and org.name in page.content.decode()
    assert client.post("/balikesir/kurum/proje-ekibi/yeni/", MEMBER).status_code == 302
    member = TeamMember._base_manager.get(organisation=org)
    response = client.post(
        f"/balikesir/kurum/proje-ekibi/{member.pk}/duzenle/",
        {**MEMBER, "job_title": "Daire Başkanı", "version": 1},
    )
    assert response.status_code == 302
    assert (
        client.post(
            "/balikesir/kurum/proje-ekibi/durum/", {"team_status": "forming", "version": 1}
        ).status_code
        == 302
    )
    org.refresh_from_db()
    assert org.team_status == TeamStatus.FORMING
    entry = AuditEntry.objects.filter(action="organisations.team_member.updated").get()
    assert entry.actor == balikesir_member


def test_member_may_not_touch_another_organisations_team(
    client_for: Any, balikesir_member: Any, balikesir: Any
):
    neighbour = TeamMemberFactory(office=balikesir)  # another organisation, same office
    client = client_for(balikesir_member)
    edit = f"/balikesir/kurum/proje-ekibi/{neighbour.pk}/duzenle/"
    assert client.get(edit).status_code == 404
    assert client.post(edit, {**MEMBER, "version": 1}).status_code == 404
    assert client.post(f"/balikesir/kurum/proje-ekibi/{neighbour.pk}/sil/").status_code == 404
    # and the staff panel's team pages are closed to members
    org = neighbour.organisation
    assert client.get(f"/balikesir/panel/kurumlar/{org.pk}/ekip/yeni/").status_code == 404
    assert client.post(f"/balikesir/panel/ekip-uyeleri/{neighbour.pk}/sil/").status_code == 404
    assert TeamMember._base_manager.filter(pk=neighbour.pk).exists()


def test_staff_without_an_organisation_have_no_own_team(client_for: Any, balikesir_expert: Any):
    assert client_for(balikesir_expert).get("/balikesir/kurum/proje-ekibi/").status_code == 404


def test_public_bodies_without_a_team_are_listed_first_with_counts(
    client_for: Any, balikesir_expert: Any, balikesir: Any
):
    PublicBodyFactory(office=balikesir, name="Ekipsiz Müdürlük")
    PublicBodyFactory(office=balikesir, name="Ekipli Müdürlük", team_status=TeamStatus.FORMED)
    PublicBodyFactory(
        office=balikesir,
        name="Ekip Kuran Belediye",
        type=OrganisationType.MUNICIPALITY,
        team_status=TeamStatus.FORMING,
    )
    OrganisationFactory(office=balikesir, name="Bir STK", type=OrganisationType.NGO)
    client = client_for(balikesir_expert)
    body = client.get("/balikesir/panel/proje-ekipleri/").content.decode()
    assert "Bir STK" not in body
    assert body.index("Ekipsiz Müdürlük") < body.index("Ekip Kuran") < body.index("Ekipli")
    none_only = client.get("/balikesir/panel/proje-ekipleri/", {"durum": "none"})
    assert none_only.context["counts"] == [
        ("none", "Ekip yok", 1),
        ("forming", "Ekip kuruluyor", 1),
        ("formed", "Ekip kuruldu", 1),
    ]
    names = [o.name for o in none_only.context["page"].object_list]
    assert names == ["Ekipsiz Müdürlük"]
    municipalities = client.get("/balikesir/panel/proje-ekipleri/", {"tur": "municipality"})
    assert [o.name for o in municipalities.context["page"].object_list] == ["Ekip Kuran Belediye"]
    home = client.get("/balikesir/panel/").content.decode()
    assert "Proje ekibi kurmuş kamu kurumu" in home and "1 / 3" in home


def test_languages_are_shown_by_name_in_both_languages(balikesir: Any):
    member = TeamMemberFactory(office=balikesir, languages=["tr", "el", "ar"])
    with translation.override("tr"):
        assert member.language_names == ["Türkçe", "Yunanca", "Arapça"]
    with translation.override("en"):
        assert member.language_names == ["Turkish", "Greek", "Arabic"]


def test_personal_data_of_team_members_is_found_and_erased(
    balikesir: Any, izmir: Any, balikesir_coordinator: Any
):
    mine = TeamMemberFactory(office=balikesir, email="kisi@example.invalid", phone="0500")
    theirs = TeamMemberFactory(office=izmir, email="kisi@example.invalid")
    with office_scope(balikesir):
        found = personal_data_find(email="KISI@example.invalid")["organisations"]
        assert [r["full_name"] for r in found] == [mine.full_name]
        assert found[0]["organisation"] == mine.organisation.name
        counts = personal_data_erase(
            email="kisi@example.invalid", actor=balikesir_coordinator, office=balikesir
        )
        assert counts["organisations"] == 1
        assert personal_data_find(email="kisi@example.invalid")["organisations"] == []
    mine.refresh_from_db()
    assert mine.erased_at and mine.email == "" and mine.phone == "" and mine.languages == []
    assert mine.full_name != "Işıl Şahin" and "Işıl" not in mine.full_name
    theirs.refresh_from_db()
    assert theirs.erased_at is None  # another office's record is not touched
    entry = AuditEntry.objects.get(action="organisations.team_member.erased")
    assert "kisi@example.invalid" not in str(entry.data)


def test_removing_or_erasing_a_member_takes_their_details_out_of_the_history(
    client_for: Any, balikesir_expert: Any, balikesir: Any, balikesir_coordinator: Any
):
    org = PublicBodyFactory(office=balikesir)
    client = client_for(balikesir_expert)
    client.post(f"/balikesir/panel/kurumlar/{org.pk}/ekip/yeni/", MEMBER)
    client.post(
        f"/balikesir/panel/kurumlar/{org.pk}/ekip/yeni/",
        {**MEMBER, "full_name": "Kalan Kişi", "email": "kalan@example.invalid"},
    )
    removed = TeamMember._base_manager.get(full_name="Işıl Çağlar")
    client.post(f"/balikesir/panel/ekip-uyeleri/{removed.pk}/sil/")
    with office_scope(balikesir):
        personal_data_erase(
            email="kalan@example.invalid", actor=balikesir_coordinator, office=balikesir
        )
    trail = str(list(AuditEntry.objects.values_list("changes", "object_repr", "data")))
    for value in ("Işıl Çağlar", "isil.caglar@example.invalid", "Kalan Kişi", "kalan@example"):
        assert value not in trail
    assert AuditEntry.objects.filter(action="organisations.team_member.created").count() == 2
