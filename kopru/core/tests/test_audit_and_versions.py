"""Every change made through a service is audited; stale saves are refused."""

from __future__ import annotations

import pytest

from kopru.core.audit import history_for
from kopru.core.errors import ConcurrentEditError
from kopru.core.models import AuditEntry
from kopru.core.scoping import office_scope
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.models import Organisation
from kopru.organisations.services import organisation_create, organisation_update

pytestmark = pytest.mark.django_db


def test_create_and_update_are_audited_with_old_and_new_values(balikesir, balikesir_expert):
    with office_scope(balikesir):
        org = organisation_create(
            office=balikesir,
            data={"name": "Susurluk Kadın Kooperatifi", "type": "cooperative"},
            actor=balikesir_expert,
        )
        organisation_update(
            organisation=Organisation.objects.get(pk=org.pk),
            data={"name": "Susurluk Kadın Girişimi Kooperatifi", "phone": "0266 000 00 00"},
            actor=balikesir_expert,
            expected_version=1,
        )
        entries = list(history_for(org).order_by("created_at", "id"))
    assert [e.action for e in entries] == [
        "organisations.organisation.created",
        "organisations.organisation.updated",
    ]
    update = entries[1]
    assert update.actor == balikesir_expert
    assert update.office == balikesir
    assert update.version == 2
    assert update.changes["name"] == [
        "Susurluk Kadın Kooperatifi",
        "Susurluk Kadın Girişimi Kooperatifi",
    ]
    assert update.changes["phone"] == ["", "0266 000 00 00"]
    assert "type" not in update.changes


def test_a_save_based_on_a_stale_copy_is_refused_and_explains_what_changed(
    balikesir, balikesir_expert, balikesir_coordinator
):
    org = OrganisationFactory(office=balikesir, name="Edremit Belediyesi")
    with office_scope(balikesir):
        first_copy = Organisation.objects.get(pk=org.pk)
        second_copy = Organisation.objects.get(pk=org.pk)
        organisation_update(
            organisation=first_copy,
            data={"phone": "111"},
            actor=balikesir_expert,
            expected_version=1,
        )
        with pytest.raises(ConcurrentEditError) as exc:
            organisation_update(
                organisation=second_copy,
                data={"phone": "222"},
                actor=balikesir_coordinator,
                expected_version=1,
            )
        assert Organisation.objects.get(pk=org.pk).phone == "111"
        assert Organisation.objects.get(pk=org.pk).version == 2
    changes = exc.value.changes
    assert len(changes) == 1
    assert changes[0]["changes"]["phone"] == ["", "111"]
    assert AuditEntry.objects.filter(action="organisations.organisation.updated").count() == 1


def test_the_edit_page_shows_the_conflict_instead_of_overwriting(
    client_for, balikesir, balikesir_expert
):
    org = OrganisationFactory(office=balikesir, name="Bandırma Belediyesi", type="municipality")
    client = client_for(balikesir_expert)
    url = f"/balikesir/panel/kurumlar/{org.pk}/duzenle/"
    form = {"name": "Bandırma Belediyesi", "type": "municipality", "country": "TR", "version": 1}
    assert client.post(url, {**form, "phone": "111"}).status_code == 302
    response = client.post(url, {**form, "phone": "222"})  # still based on version 1
    assert response.status_code == 409
    body = response.content.decode()
    assert "başka biri tarafından değiştirildi" in body
    assert "111" in body
    with office_scope(balikesir):
        assert Organisation.objects.get(pk=org.pk).phone == "111"


def test_staff_can_open_the_history_of_a_record(client_for, balikesir, balikesir_expert):
    org = OrganisationFactory(office=balikesir)
    with office_scope(balikesir):
        organisation_update(
            organisation=Organisation.objects.get(pk=org.pk),
            data={"website": "https://example.org"},
            actor=balikesir_expert,
            expected_version=1,
        )
    response = client_for(balikesir_expert).get(
        f"/balikesir/panel/gecmis/organisations.organisation/{org.pk}/"
    )
    assert response.status_code == 200
    assert "https://example.org" in response.content.decode()
    assert "organisations.organisation.updated" in response.content.decode()


def test_audit_actions_and_fields_read_as_words() -> None:
    from django.utils import translation

    from kopru.core.audit import action_label, field_label
    from kopru.organisations.models import Organisation

    with translation.override("tr"):
        assert action_label("calls.call.published") == "Çağrı: yayımlandı"
        assert action_label("core.personal_data.erased") == "Kişisel veri: kişisel verileri silindi"
        assert action_label("strange") == "strange"
        assert field_label(Organisation(), "name") == "Ad"
        assert field_label(Organisation(), "nope") == "nope"
    with translation.override("en"):
        assert action_label("calls.call.published").endswith(": published")
