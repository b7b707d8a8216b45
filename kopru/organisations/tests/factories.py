"""Factories of the organisations app; ``TeamMemberFactory(office=izmir)`` builds the
organisation in that office too. ``OrganisationFactory`` lives in the foundation's
factories (every app needs it) and is re-exported here."""

from __future__ import annotations

from typing import Any

import factory

from kopru.core.tests.factories import KopruFactory, OrganisationFactory
from kopru.organisations.models import (
    OrganisationType,
    TeamMember,
    TeamRole,
    TeamStatus,
)

__all__ = ["OrganisationFactory", "PublicBodyFactory", "TeamMemberFactory"]


class PublicBodyFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Deneme İl Müdürlüğü {n}")
    type = OrganisationType.PUBLIC_BODY
    team_status = TeamStatus.NONE


class TeamMemberFactory(KopruFactory):
    class Meta:
        model = TeamMember

    organisation = factory.SubFactory(OrganisationFactory)
    office = factory.SelfAttribute("organisation.office")
    full_name = factory.Sequence(lambda n: f"Işıl Şahin {n}")
    role = TeamRole.MEMBER
    job_title = "Uzman"
    skills = "proje yazma, bütçe"
    languages = factory.LazyFunction(lambda: ["tr", "en"])
    email = factory.Sequence(lambda n: f"uye{n}@example.invalid")

    @classmethod
    def _generate(cls, strategy: Any, params: dict[str, Any]) -> Any:
        if "office" in params and "organisation" not in params:
            params["organisation"] = OrganisationFactory(office=params["office"])
        return super()._generate(strategy, params)
