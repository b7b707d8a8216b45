"""The layers of the code: import-linter's contracts, and the rules they cannot express.

``make lint`` runs ``lint-imports``; these tests run the same contracts on the import
graph (grimp's, as import-linter builds it), show that each contract catches what it
forbids, and check what a contract cannot: every app is named in the contracts, one
``normalise_email``, no unexplained import inside a function in the foundation.
"""

from __future__ import annotations

import ast
import copy
import tomllib
from pathlib import Path
from typing import Any

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.forbidden import ForbiddenContract
from importlinter.contracts.independence import IndependenceContract
from importlinter.contracts.layers import LayersContract

ROOT = Path(__file__).resolve().parents[3]
KOPRU = ROOT / "kopru"
FOUNDATION = {"core", "geo", "offices", "accounts", "organisations"}
CONTRACT_TYPES: dict[str, Any] = {
    "forbidden": ForbiddenContract,
    "layers": LayersContract,
    "independence": IndependenceContract,
    "acyclic_siblings": AcyclicSiblingsContract,
}


def _config() -> dict[str, Any]:
    with (ROOT / "pyproject.toml").open("rb") as f:
        return tomllib.load(f)["tool"]["importlinter"]


def _contracts() -> dict[str, Any]:
    return {
        options["id"]: CONTRACT_TYPES[options["type"]](
            name=options["name"],
            session_options={"root_packages": ["kopru"]},
            contract_options=options,
        )
        for options in _config()["contracts"]
    }


def _apps() -> set[str]:
    return {p.parent.name for p in KOPRU.glob("*/apps.py")}


@pytest.fixture(scope="module")
def graph() -> Any:
    configure()  # import-linter's settings (its timer), as its command line does
    return grimp.build_graph("kopru", cache_dir=None)


def _broken(graph: Any) -> set[str]:
    return {
        key
        for key, contract in _contracts().items()
        if not contract.check(copy.deepcopy(graph), verbose=False).kept
    }


def test_every_contract_is_kept(graph: Any) -> None:
    assert _broken(graph) == set()


@pytest.mark.parametrize(
    ("importer", "imported", "broken"),
    [
        # core reaches up: forbidden, against the layers, and a cycle (every app imports core).
        (
            "kopru.core.middleware",
            "kopru.accounts.permissions",
            {"core-alone", "layers", "acyclic"},
        ),
        ("kopru.core.scoping", "kopru.offices.models", {"core-alone", "layers", "acyclic"}),
        # a foundation app reaches up a layer.
        ("kopru.geo.models", "kopru.accounts.models", {"layers"}),
        ("kopru.accounts.views", "kopru.offices.models", {"layers", "acyclic"}),
        ("kopru.organisations.models", "kopru.calls.models", {"layers", "acyclic"}),
        # a capability uses another's views or forms instead of its services/selectors/models.
        ("kopru.partners.services", "kopru.trainings.views", {"capabilities"}),
        ("kopru.guidance.views", "kopru.calls.forms", {"capabilities"}),
        # two files of one package import each other.
        ("kopru.offices.selectors", "kopru.offices.views", {"acyclic"}),
        ("kopru.calls.selectors", "kopru.calls.views", {"acyclic"}),
    ],
)
def test_each_contract_catches_what_it_forbids(
    graph: Any, importer: str, imported: str, broken: set[str]
) -> None:
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported, line_number=1, line_contents="x")
    assert _broken(changed) == broken


def test_a_capability_may_use_another_through_its_services_selectors_and_models(
    graph: Any,
) -> None:
    changed = copy.deepcopy(graph)
    for imported in ("kopru.trainings.services", "kopru.trainings.selectors"):
        changed.add_import(
            importer="kopru.partners.views", imported=imported, line_number=1, line_contents="x"
        )
    assert _broken(changed) == set()


UPPER = {"decisions", "statistics", "annualreports", "national"}


def test_every_app_is_named_in_the_contracts() -> None:
    """A new app must take its place in the layers, or the contracts would not see it."""
    contracts = {c["id"]: c for c in _config()["contracts"]}
    apps = {f"kopru.{name}" for name in _apps()}
    assert set(contracts["core-alone"]["forbidden_modules"]) == apps - {"kopru.core"}
    layered = {
        module.strip()
        for layer in contracts["layers"]["layers"]
        for module in layer.replace("|", ":").split(":")
    }
    assert layered == apps
    # Apps that read across capabilities (the decisions register links to projects, calls,
    # trainings and news; reports read everything) sit in layers of their own above them.
    upper = {f"kopru.{name}" for name in UPPER}
    capabilities = {f"kopru.{name}" for name in _apps() - FOUNDATION} - upper
    assert set(contracts["capabilities"]["modules"]) == capabilities
    layers = [
        {module.strip() for module in layer.split(":")} for layer in contracts["layers"]["layers"]
    ]
    capability_layer = next(layer for layer in layers if "kopru.calls" in layer)
    assert capability_layer == capabilities
    above = layers[: layers.index(capability_layer)]
    assert set().union(*above) == upper
    assert contracts["acyclic"]["ancestors"] == ["kopru"]


def _python_files(*roots: Path) -> list[Path]:
    return [
        p
        for root in roots
        for p in sorted(root.rglob("*.py") if root.is_dir() else [root])
        if "tests" not in p.parts and "migrations" not in p.parts
    ]


def test_one_normalise_email_in_core_text() -> None:
    """E-mail addresses compare one way: ``kopru.core.text.normalise_email``, imported
    from there (not through another app's models)."""
    wrong = []
    for path in _python_files(KOPRU):
        tree = ast.parse(path.read_text())
        rel = path.relative_to(ROOT)
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.FunctionDef)
                and node.name == "normalise_email"
                and rel != Path("kopru/core/text.py")
            ):
                wrong.append(f"{rel}:{node.lineno} defines normalise_email")
            if isinstance(node, ast.ImportFrom) and any(
                a.name == "normalise_email" for a in node.names
            ):
                source = node.module or ""
                if node.level and rel.parts[:2] == ("kopru", "core"):
                    source = f"kopru.core.{source}"
                if source != "kopru.core.text":
                    wrong.append(f"{rel}:{node.lineno} imports it from {source or '.'}")
    assert wrong == []


# The foundation's files whose imports inside functions must say why. Files that another
# piece of work is rewriting now (the access helpers: services) join when it lands.
_NOT_YET: set[str] = set()


def _imports_in_functions(path: Path) -> list[tuple[int, str]]:
    found = []

    def walk(node: ast.AST, in_function: bool) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                walk(child, True)
            elif isinstance(child, ast.Import | ast.ImportFrom) and in_function:
                found.append((child.lineno, ast.unparse(child)))
            else:
                walk(child, in_function)

    walk(ast.parse(path.read_text()), False)
    return found


def test_imports_inside_functions_of_the_foundation_say_why() -> None:
    """An import inside a function hides a dependency (often a cycle): the foundation
    imports at the top of the file, or a comment right above says why it cannot."""
    roots = [KOPRU / name for name in ("core", "geo", "offices", "accounts")] + [
        KOPRU / "organisations" / "models.py",
        KOPRU / "organisations" / "apps.py",
    ]
    unexplained = []
    for path in _python_files(*roots):
        rel = str(path.relative_to(ROOT))
        if rel in _NOT_YET:
            continue
        lines = path.read_text().splitlines()
        for lineno, statement in _imports_in_functions(path):
            above = lines[lineno - 2].strip() if lineno >= 2 else ""
            if not above.startswith("#"):
                unexplained.append(f"{rel}:{lineno}: {statement}")
    assert unexplained == []
