"""Full-text search that gets Turkish right, on SQLite (FTS5) and PostgreSQL.

A searchable model keeps a ``search_document`` text column holding
:func:`kopru.core.text.search_key` of everything a search should find (title,
summary, programme, ...), refreshed by the model's ``refresh_derived()``. Because
both the stored text and every query go through the same folding, ``izmir``
finds ``İZMİR`` and ``ısparta`` finds ``ISPARTA`` on both databases.

The index is created by the :class:`CreateFullTextIndex` migration operation:

* SQLite: an external-content FTS5 table ``<table>_fts`` kept in step by triggers;
* PostgreSQL: a GIN index on ``to_tsvector('simple', search_document)``.

Queries go through :func:`fulltext_filter`, which matches every term as a prefix
(``bel`` finds ``belediye``); :func:`fulltext_ids` reads the bare matching ids.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.db import connection, migrations
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from .text import search_terms
from .thesaurus import Alternative, Group, expand


def _sqlite_sql(table: str, column: str) -> tuple[list[str], list[str]]:
    fts = f"{table}_fts"
    create = [
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {fts} USING fts5({column}, content='{table}', "
        f"content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); END",
        f"CREATE TRIGGER IF NOT EXISTS {fts}_au AFTER UPDATE OF {column} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {column}) VALUES ('delete', old.id, old.{column}); "
        f"INSERT INTO {fts}(rowid, {column}) VALUES (new.id, new.{column}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]
    drop = [
        f"DROP TRIGGER IF EXISTS {fts}_ai",
        f"DROP TRIGGER IF EXISTS {fts}_ad",
        f"DROP TRIGGER IF EXISTS {fts}_au",
        f"DROP TABLE IF EXISTS {fts}",
    ]
    return create, drop


def _postgres_sql(table: str, column: str) -> tuple[list[str], list[str]]:
    index = f"{table}_fts_gin"
    create = [
        f"CREATE INDEX IF NOT EXISTS {index} ON {table} "
        f"USING GIN (to_tsvector('simple'::regconfig, {column}))"
    ]
    return create, [f"DROP INDEX IF EXISTS {index}"]


class CreateFullTextIndex(migrations.operations.base.Operation):
    """Create the full-text index of ``model_name``'s ``column`` for the current database."""

    reduces_to_sql = True
    reversible = True

    def __init__(self, model_name: str, column: str = "search_document") -> None:
        self.model_name = model_name
        self.column = column

    def state_forwards(self, app_label: str, state: Any) -> None:
        pass

    def _sql(
        self, app_label: str, schema_editor: Any, to_state: Any
    ) -> tuple[list[str], list[str]]:
        model = to_state.apps.get_model(app_label, self.model_name)
        table = model._meta.db_table
        if schema_editor.connection.vendor == "postgresql":
            return _postgres_sql(table, self.column)
        if schema_editor.connection.vendor == "sqlite":
            return _sqlite_sql(table, self.column)
        return [], []

    def database_forwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        for sql in self._sql(app_label, schema_editor, to_state)[0]:
            schema_editor.execute(sql)

    def database_backwards(
        self, app_label: str, schema_editor: Any, from_state: Any, to_state: Any
    ) -> None:
        for sql in self._sql(app_label, schema_editor, from_state)[1]:
            schema_editor.execute(sql)

    def describe(self) -> str:
        return f"Create full-text index on {self.model_name}.{self.column}"

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__name__, [self.model_name], {"column": self.column})


def _groups(query: str, expanded: bool) -> list[Group]:
    """The query's groups of alternatives: through the thesaurus, or one term each."""
    if expanded:
        return expand(query)
    return [(Alternative((t,), prefix=True),) for t in search_terms(query)]


def _pg_alternative(alt: Alternative) -> str:
    parts = [*alt.words[:-1], alt.words[-1] + (":*" if alt.prefix else "")]
    return " <-> ".join(parts) if len(parts) > 1 else parts[0]


def _fts5_alternative(alt: Alternative) -> str:
    return '"' + " ".join(alt.words) + '"' + ("*" if alt.prefix else "")


def _pg_tsquery(groups: list[Group] | tuple[Group, ...]) -> str:
    """The ``to_tsquery`` text matching every group (any of its alternatives)."""
    return " & ".join(
        "(" + " | ".join(f"({_pg_alternative(a)})" for a in _unsubsumed(group)) + ")"
        for group in groups
    )


def _fts5_match(groups: list[Group] | tuple[Group, ...]) -> str:
    """The FTS5 ``MATCH`` text matching every group (any of its alternatives)."""
    return " AND ".join(
        "(" + " OR ".join(_fts5_alternative(a) for a in group) + ")" for group in groups
    )


def _match_sql(
    table: str, query: str, column: str, expanded: bool = False
) -> tuple[str, list[str]] | None:
    """The statement selecting the ids of ``table`` whose ``column`` matches every term
    (or, ``expanded``, every thesaurus group) of ``query`` through the full-text index
    (``None``: no terms, or no index here)."""
    return _groups_sql(table, _groups(query, expanded), column)


def _groups_sql(
    table: str, groups: list[Group] | tuple[Group, ...], column: str
) -> tuple[str, list[str]] | None:
    if not groups:
        return None
    if connection.vendor == "postgresql":
        tsquery = _pg_tsquery(groups)
        return (
            f"SELECT id FROM {table} WHERE to_tsvector('simple'::regconfig, {column}) "
            "@@ to_tsquery('simple'::regconfig, %s)",
            [tsquery],
        )
    if connection.vendor == "sqlite":
        return f"SELECT rowid FROM {table}_fts WHERE {table}_fts MATCH %s", [_fts5_match(groups)]
    return None


def fulltext_filter(
    qs: QuerySet[Any], query: str, *, column: str = "search_document", expanded: bool = False
) -> QuerySet[Any]:
    """``qs`` restricted to rows whose ``column`` matches every term of ``query``
    (``expanded``: every group of alternatives the bilingual thesaurus gives).

    An empty query returns ``qs`` unchanged.
    """
    terms = search_terms(query)
    if not terms:
        return qs
    statement = _match_sql(qs.model._meta.db_table, query, column, expanded)
    if statement is not None:
        return qs.filter(pk__in=RawSQL(*statement))
    for term in terms:  # other databases: a plain (unindexed) substring match
        qs = qs.filter(**{f"{column}__contains": term})
    return qs


def fulltext_ids(
    model: Any,
    query: str,
    *,
    column: str = "search_document",
    expanded: bool = False,
    stored_vector: str | None = None,
) -> list[int] | None:
    """The ids of every row of ``model`` whose ``column`` matches ``query``, read from the
    full-text index alone, in no order and whatever their office or state: the caller
    intersects them with a scoped set. ``None`` for a query without terms.

    ``stored_vector``: a column where PostgreSQL keeps ``to_tsvector(column)`` (see
    :func:`_pg_ids_with_phrases`).
    """
    if not search_terms(query):
        return None
    if connection.vendor not in ("postgresql", "sqlite"):
        return list(
            fulltext_filter(model._base_manager.all(), query, column=column).values_list(
                "pk", flat=True
            )
        )
    return groups_ids(model, _groups(query, expanded), column=column, stored_vector=stored_vector)


def query_groups(query: str, *, expanded: bool = False) -> tuple[Group, ...] | None:
    """The groups of alternatives :func:`fulltext_ids` reads ``query`` as, in one order
    whatever the order of the words and of the thesaurus' words: a key under which
    its result may be kept (``None``: no terms). The thesaurus is read as it is now,
    so a word staff add later makes another key."""
    if not search_terms(query):
        return None

    def order(alt: Alternative) -> tuple[tuple[str, ...], bool]:
        return (alt.words, alt.prefix)

    groups = {tuple(sorted(set(group), key=order)) for group in _groups(query, expanded)}
    return tuple(sorted(groups, key=lambda g: [order(a) for a in g]))


def groups_ids(
    model: Any,
    groups: list[Group] | tuple[Group, ...],
    *,
    column: str = "search_document",
    stored_vector: str | None = None,
) -> list[int]:
    """:func:`fulltext_ids` of a query already read as its ``groups`` (PostgreSQL and
    SQLite)."""
    table = model._meta.db_table
    statement = _groups_sql(table, groups, column)
    if statement is None:
        return []
    if connection.vendor == "postgresql" and any(
        len(a.words) > 1 for group in groups for a in _unsubsumed(group)
    ):
        return _pg_ids_with_phrases(table, column, list(groups), stored_vector)
    sql, params = statement
    column_name = "id" if connection.vendor == "postgresql" else "rowid"
    return _read_ids(f"SELECT {ids_text(f'hits.{column_name}')} FROM ({sql}) AS hits", params)


def groups_ids_among(
    model: Any,
    queries: list[tuple[Group, ...]],
    ids: list[int],
    *,
    column: str = "search_document",
    stored_vector: str | None = None,
) -> list[list[int]]:
    """For each query of ``queries`` (read as groups, see :func:`query_groups`), the ids
    of ``ids`` whose ``column`` matches it: a cached result brought up to date after
    the rows of ``ids`` changed.

    On PostgreSQL one statement for every query, each row's ``stored_vector`` (else its
    document, parsed again) checked against each query; on SQLite one FTS5 statement
    per query, restricted to the rowids."""
    if not queries or not ids:
        return [[] for _ in queries]
    table = model._meta.db_table
    if connection.vendor == "postgresql":
        vector = stored_vector or f"to_tsvector('simple'::regconfig, {column})"
        texts = [_pg_tsquery(groups) for groups in queries]
        with connection.cursor() as cursor:
            cursor.execute(
                "WITH q AS MATERIALIZED (SELECT n, to_tsquery('simple'::regconfig, t) AS tq"
                " FROM unnest(%s::text[]) WITH ORDINALITY AS u(t, n)),"
                f" r AS MATERIALIZED (SELECT id, {vector} AS v FROM {table} WHERE id = ANY(%s))"
                f" SELECT q.n, {ids_text('r.id')} FROM r JOIN q ON r.v @@ q.tq GROUP BY q.n",
                [texts, ids],
            )
            found = {int(n): text for n, text in cursor.fetchall()}
        return [
            [int(i) for i in found[n].split(",")] if found.get(n) else []
            for n in range(1, len(queries) + 1)
        ]
    if connection.vendor == "sqlite":
        among = json.dumps(ids)
        return [
            _read_ids(
                f"SELECT {ids_text('rowid')} FROM {table}_fts WHERE {table}_fts MATCH %s"
                " AND rowid IN (SELECT value FROM json_each(%s))",
                [_fts5_match(groups), among],
            )
            for groups in queries
        ]
    raise NotImplementedError(f"no full-text index on {connection.vendor}")


def _read_ids(sql: str, params: list[Any]) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return [int(i) for i in row[0].split(",")] if row and row[0] else []


_WORD = re.compile(r"[a-z0-9]+")


def _covers(plain: Alternative, phrase: Alternative) -> bool:
    """Whether every text matching ``phrase`` matches the one-word ``plain`` (one of
    the phrase's words is, or starts with, the plain word)."""
    (w,) = plain.words
    if not all(_WORD.fullmatch(x) for x in (w, *phrase.words)):
        return False  # words the parser would split: no shortcut
    last = len(phrase.words) - 1
    for i, word in enumerate(phrase.words):
        open_end = phrase.prefix and i == last  # the text's word only starts with it
        if plain.prefix and word.startswith(w):
            return True
        if not plain.prefix and word == w and not open_end:
            return True
    return False


def _unsubsumed(group: Group) -> list[Alternative]:
    """The group's alternatives less the phrases that one of its words already covers
    (``climate change`` when ``climate`` is an alternative too)."""
    plain = [a for a in group if len(a.words) == 1]
    return [a for a in group if len(a.words) == 1 or not any(_covers(p, a) for p in plain)]


def _pg_ids_with_phrases(
    table: str, column: str, groups: list[Group], stored_vector: str | None = None
) -> list[int]:
    """:func:`fulltext_ids` of a query with phrases, on PostgreSQL.

    A phrase (``young <-> people``) makes the GIN index ask for a recheck of every row
    it returns, and a recheck computes the row's ``to_tsvector`` again: a broad
    expanded query (``climate`` → 15 alternatives, two of them phrases) then parsed
    20,000 documents, 1–2 s at 100,000 calls. Here each group is read as its one-word
    alternatives (exact in the index, no recheck) plus its phrases, whose words must
    all be present (exact too); only the rows that have a phrase's words but match no
    one-word alternative are checked for the phrase itself — against
    ``stored_vector`` if the table keeps one (no document parsed again). The same
    rows, in a few cheap statements.
    """
    vector = f"to_tsvector('simple'::regconfig, {column})"
    found: set[int] | None = None
    for group in groups:
        alternatives = _unsubsumed(group)
        plain = [a for a in alternatives if len(a.words) == 1]
        phrases = [a for a in alternatives if len(a.words) > 1]
        ids: set[int] = set()
        if plain:
            ids.update(
                _read_ids(
                    f"SELECT {ids_text('id')} FROM {table} WHERE {vector}"
                    " @@ to_tsquery('simple'::regconfig, %s)",
                    [" | ".join(f"({_pg_alternative(a)})" for a in plain)],
                )
            )
        if phrases:
            words = " | ".join(
                "(" + " & ".join([*a.words[:-1], a.words[-1] + (":*" if a.prefix else "")]) + ")"
                for a in phrases
            )
            candidates = set(
                _read_ids(
                    f"SELECT {ids_text('id')} FROM {table} WHERE {vector}"
                    " @@ to_tsquery('simple'::regconfig, %s)",
                    [words],
                )
            )
            candidates -= ids
            if found is not None:
                candidates &= found
            if candidates:
                ids.update(
                    _read_ids(
                        f"SELECT {ids_text('id')} FROM {table} WHERE id = ANY(%s)"
                        f" AND {stored_vector or vector} @@ to_tsquery('simple'::regconfig, %s)",
                        [
                            sorted(candidates),
                            " | ".join(f"({_pg_alternative(a)})" for a in phrases),
                        ],
                    )
                )
        found = ids if found is None else found & ids
        if not found:
            return []
    return list(found or ())


def ids_text(expression: str) -> str:
    """An aggregate of integer ids as one comma-separated text: reading one text is far
    cheaper than reading a row per id (parse with ``text.split(",")``)."""
    if connection.vendor == "postgresql":
        return f"string_agg(({expression})::text, ',')"
    return f"group_concat({expression})"
