"""The real public files import; broken copies of them fail cleanly."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kopru.core.datafiles import data_file, has_data_file
from kopru.core.scoping import office_scope, unscoped
from kopru.projects.importing import ImportFailed, import_file
from kopru.projects.models import Project

pytest.importorskip("kopru.projects.importers")
pytestmark = pytest.mark.django_db

MLAB = "izmir-mlab/projects.txt"
CORDIS_2021 = "cordis-h2020-participations/dashboard-export-2021.csv"
CORDIS_2014 = "cordis-h2020-participations/cordis-plus-2014.csv"


def _bytes(name: str) -> bytes:
    if not has_data_file(name):
        pytest.skip(f"{name} is not available")
    return data_file(name).read_bytes()


def test_mlab_list_imports_published_and_idempotent(izmir) -> None:
    data = _bytes(MLAB)
    with unscoped("test"):
        first = import_file(data=data, filename="projects.txt", office=izmir)
        second = import_file(data=data, filename="projects.txt", office=izmir)
    assert first.created == 19
    assert (second.created, second.updated, second.unchanged) == (0, 0, 19)
    with office_scope(izmir):
        assert Project.objects.filter(source="izmir-mlab", is_published=True).count() == 19


@pytest.mark.parametrize("name", [CORDIS_2021, CORDIS_2014])
def test_cordis_rows_go_to_their_provinces(balikesir, izmir, name) -> None:
    data = _bytes(name)
    with unscoped("test"):
        report = import_file(data=data, filename=name.rsplit("/", 1)[1])
        again = import_file(data=data, filename=name.rsplit("/", 1)[1])
        izmir_count = Project.objects.filter(office=izmir, source="cordis").count()
        assert (
            Project.objects.filter(source="cordis").exclude(office__in=[izmir, balikesir]).count()
            == 0
        )
    assert report.created == izmir_count + Project._base_manager.filter(office=balikesir).count()
    assert izmir_count > 0
    assert report.skipped  # other provinces have no office here
    assert again.created == 0 and again.unchanged == report.created


def test_broken_copy_writes_nothing(izmir, tmp_path) -> None:
    data = _bytes(MLAB).decode("utf-8")
    broken = data.replace("Devam Ediyor", "Belki Biter", 1)
    path = tmp_path / "projects.txt"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_projects", str(path), "--office", "izmir")
    with unscoped("test"):
        assert not Project.objects.exists()
        with pytest.raises(ImportFailed) as exc:
            import_file(data=broken.encode(), filename="projects.txt", office=izmir)
    assert exc.value.report.errors and exc.value.report.errors[0]["position"]


def test_command_prints_counts(izmir, tmp_path, capsys) -> None:
    path = tmp_path / "projects.txt"
    path.write_bytes(_bytes(MLAB))
    call_command("import_projects", str(path), "--office", "izmir")
    assert "created=19 updated=0 unchanged=0" in capsys.readouterr().out
