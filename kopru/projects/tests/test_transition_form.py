"""The stage form is a versioned form like any other: a stale one shows what changed."""

from __future__ import annotations

from typing import Any

import pytest

from kopru.core.scoping import office_scope
from kopru.projects.models import Project, Stage

from .factories import ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_stale_stage_change_is_refused_with_what_changed(
    client_for: Any, balikesir: Any, balikesir_expert: Any
) -> None:
    project = ProjectFactory(office=balikesir, stage=Stage.SUBMITTED)
    client = client_for(balikesir_expert)
    url = f"/balikesir/panel/projeler/{project.pk}/asama/"
    first = client.post(url, {"to_stage": "approved", "version": project.version})
    assert first.status_code == 302
    stale = client.post(url, {"to_stage": "withdrawn", "version": project.version})
    assert stale.status_code == 409
    assert "Kayıt siz düzenlerken değişti" in stale.content.decode()
    with office_scope(balikesir):
        assert Project.objects.get(pk=project.pk).stage == Stage.APPROVED
    invalid = client.post(url, {"to_stage": "idea", "version": project.version + 1})
    assert invalid.status_code == 400
