"""The generic fetch-and-authorise pieces every app's access helpers build on."""

from __future__ import annotations

from typing import Any

import pytest
from django.http import Http404, HttpResponse
from django.test import RequestFactory

from kopru.core.access import fetch_and_authorise, get_or_404_scoped, post_only, requires
from kopru.core.scoping import office_scope
from kopru.core.tests.access_checks import MISSING, assert_one_404
from kopru.core.tests.factories import OrganisationFactory
from kopru.organisations.models import Organisation

pytestmark = pytest.mark.django_db


def test_get_or_404_scoped_reads_through_the_scope(balikesir: Any, izmir: Any) -> None:
    own = OrganisationFactory(office=balikesir)
    other = OrganisationFactory(office=izmir)
    with office_scope(balikesir):
        assert get_or_404_scoped(Organisation, pk=own.pk) == own
        assert_one_404(
            lambda: get_or_404_scoped(Organisation, pk=MISSING, what="organisation"),
            lambda: get_or_404_scoped(Organisation, pk=other.pk, what="organisation"),
            lambda: get_or_404_scoped(Organisation, pk="abc", what="organisation"),
            lambda: get_or_404_scoped(Organisation, pk=None, what="organisation"),
        )


def test_get_or_404_scoped_refuses_an_unscoped_model() -> None:
    from kopru.geo.models import District

    with pytest.raises(TypeError):
        get_or_404_scoped(District, pk=1)


def test_fetch_and_authorise_refuses_like_a_missing_record(balikesir: Any) -> None:
    org = OrganisationFactory(office=balikesir)
    with office_scope(balikesir):
        assert fetch_and_authorise(
            Organisation, org.pk, user=None, rule=lambda u, o: True, what="x"
        )
        assert_one_404(
            lambda: fetch_and_authorise(
                Organisation, MISSING, user=None, rule=lambda u, o: True, what="x"
            ),
            lambda: fetch_and_authorise(
                Organisation, org.pk, user=None, rule=lambda u, o: False, what="x"
            ),
        )


def _request(method: str = "GET") -> Any:
    request = getattr(RequestFactory(), method.lower())("/")
    request.user = None
    request.office = "office"
    return request


def test_requires_declares_an_office_rule() -> None:
    calls: list[Any] = []

    def rule(user: Any, office: Any) -> bool:
        calls.append(office)
        return office == "office"

    @requires(rule)
    def view(request: Any) -> HttpResponse:
        return HttpResponse("ok")

    assert view(_request()).status_code == 200
    assert view.kopru_requires is rule  # type: ignore[attr-defined]
    refused = _request()
    refused.office = "another"
    with pytest.raises(Http404):
        view(refused)


def test_requires_may_apply_to_some_methods_only() -> None:
    @requires(lambda user, office: False, methods=["POST"])
    def view(request: Any) -> HttpResponse:
        return HttpResponse("ok")

    assert view(_request("GET")).status_code == 200
    with pytest.raises(Http404):
        view(_request("POST"))


def test_post_only_looks_the_record_up_before_refusing_the_method(
    balikesir: Any, izmir: Any
) -> None:
    own = OrganisationFactory(office=balikesir)
    other = OrganisationFactory(office=izmir)

    @post_only(Organisation)
    def view(request: Any, pk: int) -> HttpResponse:
        return HttpResponse("done")

    with office_scope(balikesir):
        assert view(_request("GET"), pk=own.pk).status_code == 405
        with pytest.raises(Http404):
            view(_request("GET"), pk=other.pk)
        assert view(_request("POST"), pk=other.pk).content == b"done"  # the view's own check
