"""Property-based run of the whole API against its own OpenAPI schema (schemathesis).

Every operation of ``/api/v1/schema/``, anonymous and signed in as office staff, with
valid and invalid inputs: no answer may be a server error, and every status code must
be one the schema documents. Bounded: a few dozen examples per operation, no deadline.
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import status_code_conformance

# Django's own WSGI application, not config.wsgi's: that one also starts the catalogue's
# follower thread, which would outlive the test's database access.
application = get_wsgi_application()
pytestmark = pytest.mark.django_db

schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", application)
CHECKS = [not_a_server_error, status_code_conformance]
BOUND = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)


@pytest.fixture(autouse=True)
def _keep_the_test_connection() -> Any:
    """Schemathesis calls the WSGI application itself, whose request signals close the
    database connection (inside the test's transaction); Django's test client
    disconnects them the same way."""
    from django.core import signals
    from django.db import close_old_connections

    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def records(balikesir: Any, izmir: Any) -> None:
    from kopru.boards.models import MinutesStatus, Visibility
    from kopru.boards.tests.factories import AgendaItemFactory, BodyFactory, MinutesFactory
    from kopru.calls.tests.factories import PublishedCallFactory
    from kopru.core.scoping import unscoped
    from kopru.organisations.tests.factories import PublicBodyFactory
    from kopru.partners.tests.factories import PartnerSearchFactory
    from kopru.projects.tests.factories import ProjectFactory

    with unscoped("test data"):
        for office in (balikesir, izmir):
            PublishedCallFactory(office=office)
            ProjectFactory(office=office, is_published=True)
            PublicBodyFactory(office=office)
            PartnerSearchFactory(office=office)
            for visibility in Visibility.values:
                agenda = AgendaItemFactory(
                    meeting__body=BodyFactory(office=office, visibility=visibility)
                )
                MinutesFactory(meeting=agenda.meeting, status=MinutesStatus.PUBLISHED)


@schema.parametrize()
@BOUND
def test_api_anonymous(case: Any, records: None) -> None:
    case.call_and_validate(checks=CHECKS)


@schema.parametrize()
@BOUND
def test_api_signed_in_staff(case: Any, records: None, balikesir_expert: Any) -> None:
    from django.test import Client

    client = Client()
    client.force_login(balikesir_expert)
    cookie = client.cookies["sessionid"].value
    case.call_and_validate(checks=CHECKS, headers={"Cookie": f"sessionid={cookie}"})
