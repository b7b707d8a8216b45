"""The house rules of ``docs/architecture.md`` that a reader of the code can check.

* Reading across the office scope names its reason: ``unscoped_manager(Model,
  reason=...)``, never ``Model._base_manager`` written out by hand (outside
  ``kopru.core``, tests and migrations).
* Views declare what they require (``@requires``) and fetch records through access
  helpers: no view tests a permission itself and answers 404 or 403 on its own.
* Writes live in services: no other module writes through a model manager or records
  an audit entry.
* Imports sit at the top of the module; one inside a function body only with a comment
  on its line or the line before saying why (an import cycle, a heavy optional library
  such as WeasyPrint). This one covers every module, import code and core included.

Every rule covers import code too (parsers in ``importers/``, upserts in
``services/imports.py``): it is built on ``kopru.core.imports`` like any other app code.
"""

from __future__ import annotations

import ast
import io
import tokenize
from collections.abc import Iterator
from pathlib import Path

import pytest

from kopru.core.scoping import unscoped_manager

KOPRU = Path(__file__).resolve().parents[2]


def _apps() -> list[str]:
    return sorted(p.name for p in KOPRU.iterdir() if (p / "__init__.py").exists())


def app_modules(*, include_core: bool = False) -> Iterator[Path]:
    """Every application module: not tests or migrations (import code included)."""
    for path in sorted(KOPRU.rglob("*.py")):
        rel = path.relative_to(KOPRU).as_posix()
        if "/tests/" in rel or "/migrations/" in rel:
            continue
        if rel.startswith("core/") and not include_core:
            continue
        yield path


def view_modules() -> list[Path]:
    return [
        p
        for p in app_modules(include_core=True)
        if p.name in ("views.py", "public_views.py") or p.parent.name == "views"
    ]


def _rel(path: Path) -> str:
    return path.relative_to(KOPRU.parent).as_posix()


# --- reading across scopes ------------------------------------------------------------


def test_no_bare_base_manager_outside_core() -> None:
    """Reading across scopes goes through ``unscoped_manager(Model, reason=...)``."""
    found = []
    for path in app_modules():
        tokens = tokenize.generate_tokens(io.StringIO(path.read_text()).readline)
        for tok in tokens:
            if tok.type == tokenize.NAME and tok.string == "_base_manager":
                found.append(f"{_rel(path)}:{tok.start[0]}")
    assert found == [], (
        "write unscoped_manager(Model, reason=...) instead of Model._base_manager: "
        + ", ".join(found)
    )


def test_the_rule_sees_a_bare_base_manager(tmp_path: Path) -> None:
    """The scan above finds the name in code, not in comments or strings."""
    source = 'x = Call._base_manager.all()  # _base_manager\ny = "_base_manager"\n'
    names = [
        t.start[0]
        for t in tokenize.generate_tokens(io.StringIO(source).readline)
        if t.type == tokenize.NAME and t.string == "_base_manager"
    ]
    assert names == [1]


def test_unscoped_manager_needs_a_reason() -> None:
    from kopru.calls.models import Call

    for reason in ("", "   "):
        with pytest.raises(ValueError):
            unscoped_manager(Call, reason=reason)
    assert unscoped_manager(Call, reason="a test") is Call._base_manager


# --- views declare their requirements -------------------------------------------------

RULE_PREFIXES = ("can_", "is_", "may_", "belongs_to_", "works_for_")


def _calls_a_rule(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name.startswith(RULE_PREFIXES):
                return True
    return False


def _refuses(statements: list[ast.stmt]) -> bool:
    for stmt in statements:
        for sub in ast.walk(stmt):
            if isinstance(sub, ast.Raise) and sub.exc is not None:
                target = sub.exc.func if isinstance(sub.exc, ast.Call) else sub.exc
                name = getattr(target, "id", getattr(target, "attr", ""))
                if name in ("Http404", "PermissionDenied"):
                    return True
    return False


def inline_checks(source: str) -> list[int]:
    """Lines where a view tests a permission rule and refuses by itself."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.If) and _calls_a_rule(node.test) and _refuses(node.body)
    ]


def test_the_rule_sees_an_inline_check() -> None:
    source = (
        "def view(request, pk):\n"
        "    project = get(pk)\n"
        "    if not permissions.can_publish(request.user, project):\n"
        "        raise Http404('project')\n"
    )
    assert inline_checks(source) == [3]
    assert inline_checks("def v(r):\n    if x is None:\n        raise Http404('x')\n") == []


def test_no_view_checks_a_permission_inline() -> None:
    found = [
        f"{_rel(path)}:{line}"
        for path in view_modules()
        for line in inline_checks(path.read_text())
    ]
    assert found == [], (
        "declare the requirement (@requires(rule)) or fetch through an access helper "
        "(permissions.access_<entity>(user, pk, for_=...)): " + ", ".join(found)
    )


def test_views_answer_404_never_403() -> None:
    """One answer for 'not yours' everywhere: 404, like a record that does not exist."""
    found = [
        _rel(path)
        for path in view_modules()
        if "PermissionDenied" in path.read_text() or "HttpResponseForbidden" in path.read_text()
    ]
    assert found == []


# --- writes live in services ----------------------------------------------------------

WRITES = ("update", "delete", "create", "bulk_create", "bulk_update", "get_or_create")
WRITES += ("update_or_create",)
MANAGERS = ("objects", "_base_manager", "_default_manager")
#: Reference data (provinces and districts) loaded by a data migration, not a service.
NOT_SERVICES = ("kopru/geo/reference.py",)


def _through_a_manager(node: ast.AST) -> bool:
    for sub in ast.walk(node):
        if isinstance(sub, ast.Attribute) and sub.attr in MANAGERS:
            return True
        if isinstance(sub, ast.Call) and getattr(sub.func, "id", "") == "unscoped_manager":
            return True
    return False


def writes(source: str) -> list[int]:
    """Lines that write through a model manager or record an audit entry."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        if getattr(func, "id", "") == "audit_log" or (
            isinstance(func, ast.Attribute)
            and func.attr in WRITES
            and _through_a_manager(func.value)
        ):
            lines.append(node.lineno)
    return lines


def test_the_rule_sees_a_write() -> None:
    source = (
        "def send(pk):\n"
        "    CaseEntry.objects.filter(pk=pk).update(emailed_at=now())\n"
        "    context.update(extra)\n"
        "    audit_log(actor=None, action='x')\n"
    )
    assert writes(source) == [2, 4]


def test_writes_only_in_services() -> None:
    found = []
    for path in app_modules():
        rel = _rel(path)
        if rel in NOT_SERVICES or "services" in path.parts or path.name == "services.py":
            continue
        if path.name == "demo.py":  # demo data is loaded, not written by users
            continue
        found += [f"{rel}:{line}" for line in writes(path.read_text())]
    assert found == [], "move these writes into the app's services: " + ", ".join(found)


# --- imports at the top of the module ---------------------------------------------------


def uncommented_function_imports(source: str) -> list[int]:
    """Lines of imports inside a function body with no ``#`` on their line or the one before."""
    lines = source.splitlines()
    found = set()
    for fn in ast.walk(ast.parse(source)):
        if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
            for node in ast.walk(fn):
                if isinstance(node, ast.Import | ast.ImportFrom):
                    here = lines[node.lineno - 1]
                    before = lines[node.lineno - 2] if node.lineno > 1 else ""
                    if "#" not in here and "#" not in before:
                        found.add(node.lineno)
    return sorted(found)


def test_the_rule_sees_an_uncommented_function_import() -> None:
    source = (
        "def a():\n    import json\n\n"
        "def b():\n    # WeasyPrint loads Pango: only when a PDF is made\n    import weasyprint\n\n"
        "def c():\n    import csv  # breaks the cycle with .models\n"
    )
    assert uncommented_function_imports(source) == [2]


def test_function_body_imports_say_why() -> None:
    found = []
    for path in sorted(KOPRU.rglob("*.py")):
        rel = path.relative_to(KOPRU).as_posix()
        if "/tests/" in rel or "/migrations/" in rel:
            continue
        found += [f"{_rel(path)}:{n}" for n in uncommented_function_imports(path.read_text())]
    assert found == [], (
        "move these imports to the top of the module, or say in a comment why they must "
        "stay in the function: " + ", ".join(found)
    )
