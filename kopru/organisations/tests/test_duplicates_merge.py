"""Likely duplicates (Turkish-aware) and the one audited merge that repoints every link."""

from __future__ import annotations

from typing import Any

import pytest
from django.apps import apps

from kopru.accounts.models import Role
from kopru.core.errors import ApplicationError
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory, UserFactory
from kopru.organisations import selectors, services
from kopru.organisations.models import Organisation, TeamMember, TeamStatus, duplicate_key

from .factories import TeamMemberFactory

pytestmark = pytest.mark.django_db


def test_duplicate_key_folds_turkish_case_and_punctuation():
    assert duplicate_key("ISPARTA BELEDİYESİ") == duplicate_key("Isparta Belediyesi")
    assert duplicate_key("ISPARTA BELEDİYESİ") == "isparta belediyesi"
    assert duplicate_key("T.C. Balıkesir Valiliği") == duplicate_key("BALIKESİR VALİLİĞİ")
    assert duplicate_key("Ilgaz Belediyesi") != duplicate_key("Iğdır Belediyesi")


def _groups(office: Any) -> list[set[str]]:
    with office_scope(office):
        return [{o.name for o in g.organisations} for g in selectors.duplicate_groups()]


def test_same_folded_name_or_same_official_id_are_grouped(balikesir: Any, izmir: Any):
    OrganisationFactory(office=balikesir, name="ISPARTA BELEDİYESİ")
    OrganisationFactory(office=balikesir, name="Isparta Belediyesi")
    OrganisationFactory(office=balikesir, name="Isparta Belediye Başkanlığı", official_id="123")
    OrganisationFactory(office=balikesir, name="İSPARTA BEL.", official_id="123")
    OrganisationFactory(office=balikesir, name="Burdur Belediyesi")
    OrganisationFactory(office=izmir, name="isparta belediyesi")  # another office: not shown
    groups = _groups(balikesir)
    assert {"ISPARTA BELEDİYESİ", "Isparta Belediyesi"} in groups
    assert {"Isparta Belediye Başkanlığı", "İSPARTA BEL."} in groups
    assert len(groups) == 2


def test_overlapping_groups_are_joined(balikesir: Any):
    OrganisationFactory(office=balikesir, name="Ege Derneği", official_id="9")
    OrganisationFactory(office=balikesir, name="EGE DERNEĞİ")
    OrganisationFactory(office=balikesir, name="Ege Kültür Derneği", official_id="9")
    assert _groups(balikesir) == [{"Ege Derneği", "EGE DERNEĞİ", "Ege Kültür Derneği"}]


def test_a_group_reviewed_as_distinct_is_no_longer_listed(
    client_for: Any, balikesir_expert: Any, balikesir: Any
):
    a = OrganisationFactory(office=balikesir, name="Atatürk İlkokulu")
    b = OrganisationFactory(office=balikesir, name="ATATÜRK İLKOKULU")
    client = client_for(balikesir_expert)
    page = client.get("/balikesir/panel/kurumlar/mukerrer/").content.decode()
    assert "ATATÜRK İLKOKULU" in page
    client.post("/balikesir/panel/kurumlar/mukerrer/farkli/", {"kurum": [a.pk, b.pk]})
    assert _groups(balikesir) == []
    OrganisationFactory(office=balikesir, name="Atatürk ilkokulu")  # a new one: shown again
    assert len(_groups(balikesir)[0]) == 3


def _project_model() -> Any:
    for rel in services.related_links():
        if rel.related_model._meta.label_lower == "projects.project":
            return rel.related_model, rel.field.name
    pytest.skip("no projects app installed")


def test_merge_keeps_the_survivor_fills_its_gaps_and_repoints_every_link(
    balikesir: Any, balikesir_coordinator: Any
):
    survivor = OrganisationFactory(
        office=balikesir, name="Isparta Belediyesi", phone="0246 000", email=""
    )
    other = OrganisationFactory(
        office=balikesir,
        name="ISPARTA BELEDİYESİ",
        phone="0246 999",
        email="bilgi@isparta.example.invalid",
        official_id="111",
        team_status=TeamStatus.FORMED,
    )
    third = OrganisationFactory(office=balikesir, name="Isparta Bel.", website="https://x.invalid/")
    member_user = UserFactory(
        role=Role.INSTITUTION_MEMBER, office=balikesir, organisation=other, username="isparta"
    )
    TeamMemberFactory(organisation=survivor, is_contact_point=True)
    moved_member = TeamMemberFactory(organisation=other, is_contact_point=True)
    Project, fk = _project_model()
    project = Project._base_manager.create(
        office=balikesir, title_tr="Yeşil Isparta", **{fk: third}
    )
    with office_scope(balikesir):
        result = services.organisation_merge(
            survivor=survivor, others=[other, third], actor=balikesir_coordinator
        )
    assert result.pk == survivor.pk
    survivor.refresh_from_db()
    assert survivor.phone == "0246 000"  # its own value is kept
    assert survivor.email == "bilgi@isparta.example.invalid"  # an empty one is filled
    assert survivor.official_id == "111"
    assert survivor.website == "https://x.invalid/"
    assert survivor.team_status == TeamStatus.FORMED
    assert survivor.version == 2
    assert not Organisation._base_manager.filter(pk__in=[other.pk, third.pk]).exists()
    member_user.refresh_from_db()
    assert member_user.organisation_id == survivor.pk
    project.refresh_from_db()
    assert getattr(project, f"{fk}_id") == survivor.pk
    moved_member.refresh_from_db()
    assert moved_member.organisation_id == survivor.pk
    assert not moved_member.is_contact_point  # the survivor's contact point stays the one
    assert TeamMember._base_manager.filter(organisation=survivor).count() == 2
    entry = AuditEntry.objects.get(action="organisations.organisation.merged")
    assert entry.object_id == str(survivor.pk) and entry.actor == balikesir_coordinator
    assert entry.changes["email"] == ["", "bilgi@isparta.example.invalid"]
    assert {m["id"] for m in entry.data["merged"]} == {other.pk, third.pk}
    assert entry.data["repointed"]["accounts.user.organisation"] == 1
    assert entry.data["repointed"][f"projects.project.{fk}"] == 1


def test_merge_is_all_or_nothing(balikesir: Any, balikesir_coordinator: Any, monkeypatch: Any):
    survivor = OrganisationFactory(office=balikesir, name="Burdur Belediyesi")
    other = OrganisationFactory(office=balikesir, name="BURDUR BELEDİYESİ", email="b@x.invalid")
    user = UserFactory(role=Role.INSTITUTION_MEMBER, office=balikesir, organisation=other)
    real = services._repoint

    def repoint_then_fail(*args: Any, **kwargs: Any) -> Any:
        real(*args, **kwargs)
        raise RuntimeError("disk full")

    monkeypatch.setattr(services, "_repoint", repoint_then_fail)
    with office_scope(balikesir), pytest.raises(RuntimeError):
        services.organisation_merge(survivor=survivor, others=[other], actor=balikesir_coordinator)
    user.refresh_from_db()
    assert user.organisation_id == other.pk
    assert Organisation._base_manager.filter(pk=other.pk).exists()
    assert not AuditEntry.objects.filter(action="organisations.organisation.merged").exists()


def test_merge_needs_records_of_one_office(balikesir: Any, izmir: Any, balikesir_coordinator):
    a = OrganisationFactory(office=balikesir, name="Aynı Ad")
    b = OrganisationFactory(office=izmir, name="Aynı Ad")
    with office_scope(balikesir), pytest.raises(ApplicationError):
        services.organisation_merge(survivor=a, others=[b], actor=balikesir_coordinator)


def test_merge_through_the_panel_coordinator_only(
    client_for: Any, balikesir_expert: Any, balikesir_coordinator: Any, balikesir: Any, izmir: Any
):
    survivor = OrganisationFactory(office=balikesir, name="Edremit Belediyesi")
    other = OrganisationFactory(office=balikesir, name="EDREMİT BELEDİYESİ")
    url = "/balikesir/panel/kurumlar/mukerrer/birlestir/"
    data = {"kalan": survivor.pk, "birlesen": [other.pk]}
    expert = client_for(balikesir_expert)
    preview = expert.get(url, data)
    assert preview.status_code == 200 and "Kayıtları ofis koordinatörü birleştirir" in (
        preview.content.decode()
    )
    assert expert.post(url, data).status_code == 404  # one answer for "not yours": 404
    assert Organisation._base_manager.filter(pk=other.pk).exists()
    coordinator = client_for(balikesir_coordinator)
    foreign = OrganisationFactory(office=izmir, name="EDREMİT BELEDİYESİ")
    assert (
        coordinator.post(url, {"kalan": survivor.pk, "birlesen": [foreign.pk]}).status_code == 404
    )
    response = coordinator.post(url, data)
    assert response.status_code == 302
    assert response["Location"].endswith(f"/kurumlar/{survivor.pk}/")
    assert not Organisation._base_manager.filter(pk=other.pk).exists()
    assert Organisation._base_manager.filter(pk=foreign.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_merge_repoints_many_to_many_links_of_any_app(balikesir: Any, balikesir_coordinator: Any):
    """A model of another app with a many-to-many to organisations (made for this test
    only): its links move to the survivor, and a record linked to both keeps one link."""
    from django.db import connection, models

    class MergeProbe(models.Model):
        label = models.CharField(max_length=20)
        organisations = models.ManyToManyField(Organisation, related_name="+")

        class Meta:
            app_label = "organisations"

        def __str__(self) -> str:
            return self.label

    through = MergeProbe.organisations.through
    with connection.schema_editor() as editor:
        editor.create_model(MergeProbe)
    try:
        survivor = OrganisationFactory(office=balikesir, name="Bigadiç Belediyesi")
        other = OrganisationFactory(office=balikesir, name="BİGADİÇ BELEDİYESİ")
        with office_scope(balikesir):
            both = MergeProbe.objects.create(label="both")
            both.organisations.set([survivor, other])
            only_other = MergeProbe.objects.create(label="other")
            only_other.organisations.set([other])
            services.organisation_merge(
                survivor=survivor, others=[other], actor=balikesir_coordinator
            )
            assert list(both.organisations.values_list("pk", flat=True)) == [survivor.pk]
            assert list(only_other.organisations.values_list("pk", flat=True)) == [survivor.pk]
        assert through.objects.count() == 2
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(MergeProbe)
        models_of_app = apps.all_models["organisations"]
        models_of_app.pop("mergeprobe", None)
        models_of_app.pop(through._meta.model_name, None)
        apps.clear_cache()
