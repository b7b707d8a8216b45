"""The real public files import; broken copies of them fail cleanly."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from kopru.core.datafiles import data_file, has_data_file
from kopru.core.imports import ImportRejected as ImportFailed
from kopru.core.scoping import office_scope, unscoped
from kopru.projects.models import Partner, Project
from kopru.projects.services.imports import import_file

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
        # The list states no countries: foreign partners keep an empty country.
        assert Partner.objects.get(name="UNDP").country == ""
        assert Partner.objects.get(name="Palermo Üniversitesi").country == ""
        cartif = Partner.objects.get(name="CARTIF")
        assert (cartif.country, cartif.role) == ("", "coordinator")
        assert Partner.objects.filter(name="Ege Üniversitesi", country="TR").count() == 3
        # The owner is İzmir's participant, whatever the order of the list.
        assert set(Project.objects.values_list("owner_name", flat=True)) == {
            "İzmir Büyükşehir Belediyesi"
        }


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


def test_cordis_2014_partners_without_a_country_import(izmir) -> None:
    """``NA`` in the 2014 file's country_code is a missing value (its Namibia is an
    artefact of the file's own join): those partners import with no country."""
    data = _bytes(CORDIS_2014)
    with unscoped("test"):
        report = import_file(data=data, filename="cordis-plus-2014.csv", office=izmir)
    assert report.created == 1  # WSDGATFORBIODIESEL: IZMIR INSTITUTE OF TECHNOLOGY
    with unscoped("test"):
        assert not Partner._base_manager.filter(country="NA").exists()


def test_cordis_error_positions_are_lines_in_the_active_language(izmir) -> None:
    from django.utils import translation

    lines = _bytes(CORDIS_2021).decode("utf-8").split("\n")
    assert ",01/01/2022," in lines[1]  # project_start_date of line 2
    lines[1] = lines[1].replace(",01/01/2022,", ",2022-13-45,", 1)
    broken = "\n".join(lines).encode("utf-8")
    for language, position in (("tr", "satır 2"), ("en", "line 2")):
        with translation.override(language), unscoped("test"), pytest.raises(ImportFailed) as exc:
            import_file(data=broken, filename="dashboard.csv")
        assert [e["position"] for e in exc.value.report.errors] == [position]


def test_broken_copy_writes_nothing(izmir, tmp_path, capsys) -> None:
    data = _bytes(MLAB).decode("utf-8")
    broken = data.replace("Devam Ediyor", "Belki Biter", 1)
    path = tmp_path / "projects.txt"
    path.write_text(broken, encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_projects", str(path), "--office", "izmir")
    assert "kayıt 1: " in capsys.readouterr().err  # record 1, in Turkish by default
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
