"""Routers hold no SQL: every ``router.py`` under ``services/`` is HTTP only, its queries live
in the domain's service (read from the source, so an import inside a function counts too)."""

import ast
from pathlib import Path

import services

ROOT = Path(services.__file__).parent


def _sqlalchemy_imports(path: Path) -> list[str]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and not node.level:
            names = [node.module or ""]
        else:
            continue
        found += [f"{path.relative_to(ROOT)}:{node.lineno} {n}" for n in names
                  if n == "sqlalchemy" or n.startswith("sqlalchemy.")]  # fmt: skip
    return found


def test_there_are_routers_to_check() -> None:
    assert len(list(ROOT.rglob("router.py"))) >= 10


def test_no_router_imports_sqlalchemy() -> None:
    offenders = [
        hit for path in sorted(ROOT.rglob("router.py")) for hit in _sqlalchemy_imports(path)
    ]
    assert not offenders, "routers must leave SQL to their service:\n" + "\n".join(offenders)
