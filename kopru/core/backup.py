"""Backups that restore: one archive with the database, the uploaded files and a manifest.

``manage.py backup`` writes ``kopru-<time>.tar.gz`` holding

* ``database.sqlite3`` (SQLite's online backup API: a consistent copy while the
  application keeps writing) or ``database.pgdump`` (``pg_dump -Fc``, taken in the
  snapshot in which the manifest's counts were read, so both describe one moment);
* ``media/…``: every uploaded file of the default storage;
* ``manifest.json``: when, from which database, the latest migration of every app, the
  row count of every table and the SHA-256 of every file in the archive.

``manage.py restore ARCHIVE`` checks every checksum, refuses a database or a media
directory that is not empty, loads the database (a file copy, or ``pg_restore``), puts
the files back and compares every table's count with the manifest.

Django's ``dumpdata`` is not used: it is slow at this size, holds no uploaded files
and reads tables one by one (no single moment). (It does work: ``manage.py dumpdata``
runs unscoped, see ``kopru/core/management/commands/dumpdata.py``.)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = 1


class BackupError(Exception):
    pass


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_env() -> tuple[list[str], dict[str, str]]:
    db = settings.DATABASES["default"]
    args = ["-h", str(db.get("HOST") or "localhost"), "-p", str(db.get("PORT") or 5432)]
    args += ["-U", str(db.get("USER") or "postgres")]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _tables(cursor: Any) -> list[str]:
    return sorted(connection.introspection.table_names(cursor))


def _counts(cursor: Any, tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 (introspected names)
        counts[table] = cursor.fetchone()[0]
    return counts


def _sqlite_counts(path: Path) -> dict[str, int]:
    db = sqlite3.connect(path)
    try:
        names = [
            r[0]
            for r in db.execute(
                "SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'"
            )
        ]
        user_tables = set(connection.introspection.table_names())
        return {
            n: db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]  # noqa: S608
            for n in sorted(names)
            if n in user_tables
        }
    finally:
        db.close()


def _media_files() -> Iterator[str]:
    def walk(prefix: str) -> Iterator[str]:
        try:
            dirs, files = default_storage.listdir(prefix)
        except (FileNotFoundError, NotADirectoryError):
            return
        for name in sorted(files):
            yield f"{prefix}{name}"
        for name in sorted(dirs):
            yield from walk(f"{prefix}{name}/")

    yield from walk("")


def _migrations(cursor: Any) -> dict[str, str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    latest: dict[str, str] = {}
    for app, name in cursor.fetchall():
        latest[app] = max(latest.get(app, ""), name)
    return latest


def backup_create(*, output: Path) -> dict[str, Any]:
    """Write the archive to ``output``; its manifest."""
    output.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="kopru-backup-") as tmp:
        workdir = Path(tmp)
        manifest: dict[str, Any] = {
            "format": FORMAT,
            "created_at": timezone.now().isoformat(),
            "vendor": connection.vendor,
            "files": {},
        }
        if connection.vendor == "sqlite":
            db_file = workdir / "database.sqlite3"
            connection.ensure_connection()
            target = sqlite3.connect(db_file)
            try:
                connection.connection.backup(target)  # type: ignore[union-attr]
            finally:
                target.close()
            manifest["counts"] = _sqlite_counts(db_file)
            with connection.cursor() as cursor:
                manifest["migrations"] = _migrations(cursor)
        elif connection.vendor == "postgresql":
            db_file = workdir / "database.pgdump"
            args, env = _pg_env()
            # One snapshot for the counts and the dump: both describe the same moment.
            with connection.cursor() as cursor:
                cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ")
                try:
                    cursor.execute("SELECT pg_export_snapshot()")
                    snapshot = cursor.fetchone()[0]
                    manifest["counts"] = _counts(cursor, _tables(cursor))
                    manifest["migrations"] = _migrations(cursor)
                    subprocess.run(
                        [
                            "pg_dump",
                            *args,
                            "-Fc",
                            "--no-owner",
                            "--no-privileges",
                            f"--snapshot={snapshot}",
                            "-f",
                            str(db_file),
                            str(settings.DATABASES["default"]["NAME"]),
                        ],
                        env=env,
                        check=True,
                        capture_output=True,
                    )
                finally:
                    cursor.execute("COMMIT")
        else:
            raise BackupError(f"unsupported database: {connection.vendor}")
        manifest["database"] = db_file.name
        manifest["files"][db_file.name] = {
            "sha256": _sha256(db_file),
            "size": db_file.stat().st_size,
        }
        media_dir = workdir / "media"
        for name in _media_files():
            target_path = media_dir / name
            target_path.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as src, target_path.open("wb") as dst:
                shutil.copyfileobj(src, dst)
            manifest["files"][f"media/{name}"] = {
                "sha256": _sha256(target_path),
                "size": target_path.stat().st_size,
            }
        (workdir / "manifest.json").write_text(json.dumps(manifest, indent=1, sort_keys=True))
        partial = output.with_name(output.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            tar.add(workdir / "manifest.json", arcname="manifest.json")
            tar.add(db_file, arcname=db_file.name)
            if media_dir.exists():
                tar.add(media_dir, arcname="media")
        partial.replace(output)  # never a half-written archive under the final name
    return manifest


def _safe_members(tar: tarfile.TarFile) -> list[tarfile.TarInfo]:
    members = []
    for member in tar.getmembers():
        name = Path(member.name)
        if name.is_absolute() or ".." in name.parts or not (member.isfile() or member.isdir()):
            raise BackupError(f"unsafe member in archive: {member.name}")
        members.append(member)
    return members


def _database_is_empty() -> bool:
    with connection.cursor() as cursor:
        tables = _tables(cursor)
        return not tables or not any(_counts(cursor, tables).values())


def backup_restore(*, archive: Path, out: io.TextIOBase | Any = None) -> dict[str, Any]:
    """Restore ``archive`` into this (empty) installation; the manifest, verified."""
    if not _database_is_empty():
        raise BackupError("the database is not empty: restore only into a new installation")
    if any(True for _ in _media_files()):
        raise BackupError("the media directory is not empty: restore only into a new installation")
    with tempfile.TemporaryDirectory(prefix="kopru-restore-") as tmp:
        workdir = Path(tmp)
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(workdir, members=_safe_members(tar))  # noqa: S202 (checked above)
        manifest: dict[str, Any] = json.loads((workdir / "manifest.json").read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError(f"unknown archive format {manifest.get('format')}")
        for name, meta in manifest["files"].items():
            path = workdir / name
            if not path.is_file() or _sha256(path) != meta["sha256"]:
                raise BackupError(f"checksum mismatch: {name}")
        if manifest["vendor"] != connection.vendor:
            raise BackupError(
                f"the archive holds a {manifest['vendor']} database; this installation "
                f"uses {connection.vendor}"
            )
        db_file = workdir / manifest["database"]
        if connection.vendor == "sqlite":
            connection.close()
            target = Path(str(settings.DATABASES["default"]["NAME"]))
            for suffix in ("-wal", "-shm"):
                Path(f"{target}{suffix}").unlink(missing_ok=True)
            source = sqlite3.connect(db_file)
            dest = sqlite3.connect(target)
            try:
                source.backup(dest)
            finally:
                source.close()
                dest.close()
        else:
            args, env = _pg_env()
            connection.close()
            done = subprocess.run(
                [
                    "pg_restore",
                    *args,
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "-d",
                    str(settings.DATABASES["default"]["NAME"]),
                    str(db_file),
                ],
                env=env,
                capture_output=True,
                text=True,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_restore failed: {done.stderr.strip()[:2000]}")
        media_dir = workdir / "media"
        for name in manifest["files"]:
            if name.startswith("media/"):
                relative = name.removeprefix("media/")
                saved = default_storage.save(
                    relative, ContentFile((media_dir / relative).read_bytes())
                )
                if saved != relative:
                    raise BackupError(f"could not restore {relative} under its own name")
        with connection.cursor() as cursor:
            counts = _counts(cursor, sorted(manifest["counts"]))
        wrong = {t: (n, counts.get(t)) for t, n in manifest["counts"].items() if counts.get(t) != n}
        if wrong:
            raise BackupError(f"row counts differ after restore: {wrong}")
    return manifest


def default_archive_name() -> str:
    return f"kopru-{dt.datetime.now():%Y%m%d-%H%M%S}.tar.gz"
