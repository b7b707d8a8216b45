"""Backups that restore (issue 12): the round trip on this test's database engine.

A backup of a database with records of every kind and uploaded files is restored, by
another process, into an empty installation; every table's count and a sample of rows
must be equal, and the files must come back byte for byte.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import uuid
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.db import connection

pytestmark = pytest.mark.django_db(transaction=True)

SAMPLE = (
    "import django, json\ndjango.setup()\n"
    "from django.db import connection\n"
    "out = {}\n"
    "with connection.cursor() as c:\n"
    "    for t in sorted(connection.introspection.table_names(c)):\n"
    "        q = connection.ops.quote_name(t)\n"
    "        c.execute(f'SELECT COUNT(*) FROM {q}')\n"
    "        n = c.fetchone()[0]\n"
    "        c.execute(f'SELECT * FROM {q} ORDER BY 1 LIMIT 3')\n"
    "        out[t] = [n, [[str(v) for v in row] for row in c.fetchall()]]\n"
    "print(json.dumps(out))\n"
)


def _here() -> dict[str, Any]:
    out = {}
    with connection.cursor() as c:
        for t in sorted(connection.introspection.table_names(c)):
            q = connection.ops.quote_name(t)
            c.execute(f"SELECT COUNT(*) FROM {q}")
            n = c.fetchone()[0]
            c.execute(f"SELECT * FROM {q} ORDER BY 1 LIMIT 3")
            out[t] = [n, [[str(v) for v in row] for row in c.fetchall()]]
    return out


@pytest.fixture
def empty_installation(tmp_path: Path) -> Any:
    """An environment for a new installation: no database yet, no uploaded files."""
    inherited = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {
        **inherited,
        "DJANGO_SETTINGS_MODULE": "config.settings.local",
        "KOPRU_MEDIA_ROOT": str(tmp_path / "media"),
    }
    if connection.vendor == "sqlite":
        env["DATABASE_URL"] = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        yield env
        return
    import psycopg

    db = settings.DATABASES["default"]
    name = f"{db['NAME']}_restore_{uuid.uuid4().hex[:8]}"
    admin = f"postgresql://{db['USER']}@{db['HOST']}:{db['PORT']}/postgres"
    with psycopg.connect(admin, autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    env["DATABASE_URL"] = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{name}"
    try:
        yield env
    finally:
        with psycopg.connect(admin, autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _records(balikesir: Any, izmir: Any, national_admin: Any) -> dict[str, bytes]:
    from django.core.files.storage import default_storage

    from kopru.calls.tests.factories import CallDocumentFactory, PublishedCallFactory
    from kopru.core.audit import audit_log
    from kopru.core.scoping import unscoped
    from kopru.core.tests.factories import JobFactory
    from kopru.guidance.tests.factories import CaseFactory
    from kopru.projects.tests.factories import ProjectFactory

    with unscoped("test data"):
        for office in (balikesir, izmir):
            call = PublishedCallFactory(office=office, title_tr=f"Çağrı {office.slug} — ğüşıöç")
            CallDocumentFactory(call=call, office=office)
            ProjectFactory(office=office)
            CaseFactory(office=office)
            audit_log(actor=national_admin, action="test.backup", obj=call, data={"ş": "ğ"})
        job = JobFactory(office=balikesir)
        job.input_file.save("içe aktarma.xlsx", ContentFile(b"PK\x03\x04 an xlsx"), save=True)
    return {name: default_storage.open(name).read() for name in _storage_names()}


def _storage_names() -> list[str]:
    from kopru.core.backup import _media_files

    return list(_media_files())


def test_backup_restores_into_an_empty_installation(
    tmp_path: Path, empty_installation: dict[str, str], balikesir, izmir, national_admin
) -> None:
    files = _records(balikesir, izmir, national_admin)
    assert files, "the records uploaded files"
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())

    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))  # type: ignore[arg-type]
    assert ("database.sqlite3" if connection.vendor == "sqlite" else "database.pgdump") in names
    assert manifest["counts"]["calls_call"] == 2
    assert all(len(meta["sha256"]) == 64 for meta in manifest["files"].values())

    env = empty_installation
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "every count matches" in done.stdout

    restored = subprocess.run(
        [sys.executable, "-c", SAMPLE],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert restored.returncode == 0, restored.stderr
    theirs = json.loads(restored.stdout)
    ours = _here()
    assert set(theirs) == set(ours)
    for table in ours:
        assert theirs[table] == ours[table], table
    media = Path(env["KOPRU_MEDIA_ROOT"])
    for name, content in files.items():
        assert (media / name).read_bytes() == content

    # a second restore into the now full installation is refused, nothing touched
    again = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
    )
    assert again.returncode != 0 and "not empty" in again.stderr


def test_a_damaged_archive_is_refused(tmp_path: Path, empty_installation, balikesir) -> None:
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    damaged = tmp_path / "damaged.tar.gz"
    with tarfile.open(archive) as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None  # type: ignore[union-attr]
            if member.name.startswith("database") and data:
                data = data[:-10] + b"0123456789"
            if data is not None:
                import io

                member.size = len(data)
                dst.addfile(member, io.BytesIO(data))
            else:
                dst.addfile(member)
    done = subprocess.run(
        [sys.executable, "manage.py", "restore", str(damaged)],
        cwd=settings.BASE_DIR,
        env=empty_installation,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "checksum mismatch" in done.stderr


def test_dumpdata_does_not_fail_with_scope_error(balikesir) -> None:
    from io import StringIO

    out = StringIO()
    call_command("dumpdata", "offices", "calls", "core.job", stdout=out)
    assert json.loads(out.getvalue())


def test_restore_refuses_an_installation_that_is_not_empty(tmp_path: Path, balikesir) -> None:
    from django.core.management.base import CommandError

    archive = tmp_path / "b.tar.gz"
    call_command("backup", output=archive, stdout=StringIO())
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(archive), stdout=StringIO())


def test_backup_names_its_archive_in_a_directory(tmp_path: Path, balikesir) -> None:
    out = StringIO()
    call_command("backup", output=tmp_path, stdout=out)
    archives = list(tmp_path.glob("kopru-*.tar.gz"))
    assert len(archives) == 1 and str(archives[0]) in out.getvalue()
    assert "tables" in out.getvalue()


def _archive_with(tmp_path: Path, members: dict[str, bytes]) -> Path:
    import io

    path = tmp_path / f"crafted-{uuid.uuid4().hex}.tar.gz"
    with tarfile.open(path, "w:gz") as tar:
        for name, data in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return path


@pytest.fixture
def as_if_empty(monkeypatch):
    """The refusals below come before anything is written: pretend the installation is new."""
    from kopru.core import backup

    monkeypatch.setattr(backup, "_database_is_empty", lambda: True)
    monkeypatch.setattr(backup, "_media_files", lambda: iter(()))


@pytest.mark.parametrize(
    ("members", "reason"),
    [
        ({"../outside.txt": b"x"}, "unsafe member"),
        ({"/etc/passwd-copy": b"x"}, "unsafe member"),
        ({"manifest.json": b'{"format": "someone-else/1", "files": {}}'}, "unknown archive format"),
    ],
    ids=["parent-directory", "absolute-path", "unknown-format"],
)
def test_restore_refuses_a_crafted_archive(tmp_path: Path, as_if_empty, members, reason) -> None:
    from kopru.core.backup import BackupError, backup_restore

    with pytest.raises(BackupError, match=reason):
        backup_restore(archive=_archive_with(tmp_path, members))


def test_restore_refuses_an_archive_of_the_other_database_engine(
    tmp_path: Path, as_if_empty
) -> None:
    from kopru.core.backup import FORMAT, BackupError, backup_restore

    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = {"format": FORMAT, "vendor": other, "files": {}, "counts": {}, "database": "db"}
    archive = _archive_with(tmp_path, {"manifest.json": json.dumps(manifest).encode()})
    with pytest.raises(BackupError, match=f"holds a {other} database"):
        backup_restore(archive=archive)
