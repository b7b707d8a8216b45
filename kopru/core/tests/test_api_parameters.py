"""Every API query parameter is validated (issue 12, point 4): unknown or malformed
parameters answer 400 with a reason, never a 500 nor a silent default."""

from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.django_db

LISTS = [
    "/api/v1/calls/",
    "/api/v1/projects/",
    "/api/v1/organisations/",
    "/api/v1/partner-searches/",
    "/api/v1/events/",
]


@pytest.mark.parametrize("path", LISTS)
def test_unknown_parameter_is_a_400_with_its_reason(client, balikesir, path) -> None:
    response = client.get(path, {"nosuch": "1"})
    assert response.status_code == 400, response.content
    body = json.loads(response.content)
    assert "nosuch" in body["errors"] and body["detail"]


@pytest.mark.parametrize("path", LISTS)
@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999999999999999999"])
def test_page_must_be_a_positive_number(client, balikesir, path, page) -> None:
    response = client.get(path, {"page": page})
    assert response.status_code == 400
    assert "page" in json.loads(response.content)["errors"]


@pytest.mark.parametrize(
    ("path", "params", "name"),
    [
        ("/api/v1/projects/", {"year": "10000"}, "year"),
        ("/api/v1/projects/", {"year": "99999999999999999999"}, "year"),
        ("/api/v1/projects/", {"year": "2020", "page_size": "1000"}, "page_size"),
        ("/api/v1/projects/", {"district": "99999999999999999999"}, "district"),
        ("/api/v1/organisations/", {"district": "99999999999999999999"}, "district"),
        ("/api/v1/organisations/", {"district": "x"}, "district"),
        ("/api/v1/partner-searches/", {"kind": "nothing"}, "kind"),
        ("/api/v1/projects/", {"priority": "maybe"}, "priority"),
        ("/api/v1/calls/", {"q": "a\x00b"}, "q"),
        ("/api/v1/calls/", {"office": ["a", "b"]}, "office"),
    ],
)
def test_malformed_values_are_a_400(client, balikesir, path, params, name) -> None:
    response = client.get(path, params)
    assert response.status_code == 400, response.content
    assert name in json.loads(response.content)["errors"]


def test_documented_parameters_are_accepted(client, balikesir) -> None:
    assert (
        client.get("/api/v1/projects/", {"year": "2020", "district": "1", "page": "1"}).status_code
        == 200
    )
    assert (
        client.get("/api/v1/calls/", {"level": ["eu", "national"], "format": "json"}).status_code
        == 200
    )
    assert client.get("/api/v1/projects/", {"page": "7"}).status_code == 404  # past the last page


def test_the_schema_documents_the_400_and_404_answers(client, db) -> None:
    schema = client.get("/api/v1/schema/", {"format": "json"})
    paths = json.loads(schema.content)["paths"]
    for path, operations in paths.items():
        for operation in operations.values():
            assert {"200", "400", "404"} <= set(operation["responses"]), path
    year = next(p for p in paths["/api/v1/projects/"]["get"]["parameters"] if p["name"] == "year")
    assert year["schema"]["maximum"] == 2100


def test_the_api_index_takes_no_other_parameter(client, db) -> None:
    assert client.get("/api/v1/", {"format": "json"}).status_code == 200
    response = client.get("/api/v1/", {"x": "1"})
    assert response.status_code == 400 and "x" in json.loads(response.content)["errors"]
