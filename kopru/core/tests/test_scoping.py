"""The office scope: a query that forgets the office fails instead of leaking."""

from __future__ import annotations

import pytest
from django.apps import apps

from kopru.core.models import OfficeOwned
from kopru.core.scoping import (
    OfficeScopedManager,
    ScopeError,
    office_scope,
    public_scope,
    unscoped,
)
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def office_owned_models() -> list[type]:
    return [m for m in apps.get_models() if issubclass(m, OfficeOwned)]


def test_every_office_owned_model_has_a_scoped_default_manager() -> None:
    models = office_owned_models()
    assert Organisation in models
    for model in models:
        assert isinstance(model._default_manager, OfficeScopedManager), model
        with pytest.raises(ScopeError):
            list(model._default_manager.all())


def test_query_outside_any_scope_fails(balikesir) -> None:
    OrganisationFactory(office=balikesir)
    with pytest.raises(ScopeError):
        Organisation.objects.count()


def test_office_scope_sees_only_its_office(balikesir, izmir) -> None:
    own = OrganisationFactory(office=balikesir, is_public=False)
    other = OrganisationFactory(office=izmir, is_public=False)
    with office_scope(balikesir):
        assert list(Organisation.objects.all()) == [own]
        assert not Organisation.objects.filter(pk=other.pk).exists()
    with office_scope(izmir):
        assert list(Organisation.objects.all()) == [other]


def test_public_scope_sees_public_records_only(balikesir, izmir) -> None:
    public_b = OrganisationFactory(office=balikesir, is_public=True)
    OrganisationFactory(office=balikesir, is_public=False)
    public_i = OrganisationFactory(office=izmir, is_public=True)
    with public_scope():
        assert set(Organisation.objects.all()) == {public_b, public_i}
    with public_scope(balikesir):
        assert list(Organisation.objects.all()) == [public_b]


def test_office_scope_with_public_adds_other_offices_public_records(balikesir, izmir) -> None:
    own_private = OrganisationFactory(office=balikesir, is_public=False)
    other_public = OrganisationFactory(office=izmir, is_public=True)
    OrganisationFactory(office=izmir, is_public=False)
    with office_scope(balikesir, with_public=True):
        assert set(Organisation.objects.all()) == {own_private, other_public}


def test_unscoped_needs_a_reason_and_sees_everything(balikesir, izmir) -> None:
    OrganisationFactory(office=balikesir)
    OrganisationFactory(office=izmir, is_public=False)
    with pytest.raises(ValueError), unscoped(""):
        pass
    with unscoped("test"):
        assert Organisation.objects.count() == 2


def test_scopes_nest_and_restore(balikesir, izmir) -> None:
    OrganisationFactory(office=izmir, is_public=False)
    with office_scope(balikesir):
        with office_scope(izmir):
            assert Organisation.objects.count() == 1
        assert Organisation.objects.count() == 0
    with pytest.raises(ScopeError):
        Organisation.objects.count()


def test_api_gives_institution_members_public_records_only(client, balikesir_member, balikesir):
    private = OrganisationFactory(office=balikesir, is_public=False)
    client.force_login(balikesir_member)
    assert client.get(f"/api/v1/organisations/{private.pk}/").status_code == 404


def test_api_gives_staff_their_office_private_records(client, balikesir_expert, balikesir):
    private = OrganisationFactory(office=balikesir, is_public=False)
    client.force_login(balikesir_expert)
    assert client.get(f"/api/v1/organisations/{private.pk}/").status_code == 200
