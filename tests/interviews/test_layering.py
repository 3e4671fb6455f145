"""Interviews' sub-domains form a DAG (the layering of :mod:`services.interviews`): read from
the source, every import counted wherever it is written (in a function or under
``TYPE_CHECKING`` too), and the shared top-level modules (``deps``, ``audit``, ``gateways``…)
followed through, so that none of them hides an edge."""

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

import services.interviews

ROOT = Path(services.interviews.__file__).parent
PACKAGE = "services.interviews"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join((PACKAGE, *parts)).removesuffix(".__init__")


def _imported(path: Path) -> set[str]:
    """The modules of ``services.interviews`` the file imports (``from x import y`` counts as
    ``x.y`` too, since ``y`` may be a module)."""
    module = _module_name(path)
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = module.split(".")[: len(module.split(".")) - node.level + is_package]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return {n for n in names if n.startswith(f"{PACKAGE}.")}


def _node(module: str) -> str:
    """A sub-package (``letters``), or a top-level module (``deps``)."""
    return module.removeprefix(f"{PACKAGE}.").split(".")[0]


def _subpackages() -> set[str]:
    return {p.parent.name for p in ROOT.glob("*/__init__.py")}


def subpackage_graph() -> dict[str, set[str]]:
    """Sub-package → the sub-packages it imports, directly or through top-level modules."""
    subpackages = _subpackages()
    known = {p.stem for p in ROOT.glob("*.py")} | subpackages
    direct: dict[str, set[str]] = {}
    for path in ROOT.rglob("*.py"):
        source = _node(_module_name(path)) if path.parent != ROOT else path.stem
        if source == "__init__":
            continue
        targets = {_node(m) for m in _imported(path)} & known
        direct.setdefault(source, set()).update(targets - {source})

    def reach(node: str, seen: frozenset[str]) -> set[str]:
        found: set[str] = set()
        for target in direct.get(node, set()):
            if target in subpackages:
                found.add(target)
            elif target not in seen:  # a top-level module: what it imports counts
                found |= reach(target, seen | {target})
        return found

    return {p: reach(p, frozenset({p})) - {p} for p in sorted(subpackages)}


def test_the_subpackages_import_each_other_without_a_cycle() -> None:
    graph = subpackage_graph()
    for package, imports in graph.items():
        print(f"{package} -> {', '.join(sorted(imports)) or '(nothing)'}")
    try:
        order = list(TopologicalSorter(graph).static_order())
    except CycleError as exc:
        raise AssertionError(f"import cycle between sub-packages: {exc.args[1]}") from exc
    print("bottom to top:", ", ".join(order))


def test_the_shared_top_level_modules_import_no_subpackage() -> None:
    """``deps``, ``audit``, ``gateways``, ``jobs``, ``actions`` are below every sub-package
    (only the entry points, ``app``, ``tasks``, ``seed`` and the ``metrics`` app reads, sit
    above them)."""
    subpackages = _subpackages()
    entry_points = {"app", "tasks", "seed", "metrics"}
    for path in ROOT.glob("*.py"):
        if path.stem in entry_points | {"__init__"}:
            continue
        reached = {_node(m) for m in _imported(path)} & subpackages
        assert not reached, f"{path.stem} imports {sorted(reached)}"
