"""Every error the services can emit has a registered stable code and a French detail.

The services' code is walked (AST): each construction of a ``DomainError`` subclass, each
``problem_response(...)``, each ``FieldError(message=...)`` and each ``ValueError`` of a pydantic
validator (its message reaches the client as a field error) is checked.
"""

import ast
import importlib
import pkgutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import services
from services.shared.errors import ERROR_CODES, DomainError
from tests.shared.french import english_words

SERVICES_DIR = Path(services.__file__).parent


def _import_every_module() -> None:
    for module in pkgutil.walk_packages([str(SERVICES_DIR)], prefix="services."):
        if module.name.startswith("services.platform"):
            continue  # local tooling: no HTTP errors, heavy imports
        importlib.import_module(module.name)


def _subclasses(cls: type[DomainError]) -> set[type[DomainError]]:
    found: set[type[DomainError]] = set(cls.__subclasses__())
    return found | {sub for child in found for sub in _subclasses(child)}


_import_every_module()
ERROR_CLASSES = {cls.__name__: cls for cls in _subclasses(DomainError) | {DomainError}}
GENERIC_CODES = {
    cls.code for cls in ERROR_CLASSES.values() if cls.__module__ == DomainError.__module__
}


@dataclass(frozen=True)
class Site:
    path: str
    line: int
    kind: str
    code: str | None
    text: str | None  # the literal parts of the detail, None when it is not a literal

    def __str__(self) -> str:
        return f"{self.path}:{self.line} {self.kind}"


def _literal_text(node: ast.expr | None) -> str | None:
    """The constant text of a string expression (an f-string's literal parts, concatenations)."""
    if node is None:
        return None
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return " ".join(_literal_text(value) or " " for value in node.values)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _literal_text(node.left), _literal_text(node.right)
        if left is None and right is None:
            return None
        return f"{left or ''} {right or ''}"
    return None


def _name(func: ast.expr) -> str | None:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return None


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _code(call: ast.Call) -> str | None:
    """The literal code of a call; "passed" for a code passed through in a variable."""
    node = _keyword(call, "code")
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    return "passed" if node is not None else None


def _is_validator_module(source: str) -> bool:
    return "field_validator" in source or "model_validator" in source


def _sites() -> Iterator[Site]:
    for path in sorted(SERVICES_DIR.rglob("*.py")):
        if "platform" in path.parts or path.name in {"errors.py", "settings.py"}:
            continue  # errors.py is the registry itself; settings fail at start, not to a client
        source = path.read_text()
        relative = str(path.relative_to(SERVICES_DIR.parent))
        validators = _is_validator_module(source)
        for node in ast.walk(ast.parse(source)):
            if not isinstance(node, ast.Call):
                continue
            name = _name(node.func)
            if name in ERROR_CLASSES:
                positional = node.args[1:] if name == "PeerError" else node.args
                detail = _keyword(node, "detail") or next(iter(positional), None)
                yield Site(relative, node.lineno, name, _code(node), _literal_text(detail))
            elif name == "problem_response":
                detail = node.args[1] if len(node.args) > 1 else _keyword(node, "detail")
                yield Site(relative, node.lineno, name, _code(node), _literal_text(detail))
            elif name == "FieldError":
                text = _literal_text(_keyword(node, "message"))
                yield Site(relative, node.lineno, name, "field", text)
            elif name == "ValueError" and validators and node.args:
                yield Site(relative, node.lineno, name, "field", _literal_text(node.args[0]))


SITES = list(_sites())


def test_the_walk_finds_the_services_errors() -> None:
    kinds = {site.kind for site in SITES}
    assert {"NotFound", "Conflict", "Unprocessable", "problem_response", "FieldError"} <= kinds
    assert len(SITES) > 100


@pytest.mark.parametrize("code", sorted(ERROR_CODES))
def test_every_registered_code_has_a_french_message(code: str) -> None:
    message = ERROR_CODES[code]
    assert message.strip() and message[0].isupper(), code
    assert not english_words(message), (code, message)


def _needs_code(site: Site) -> bool:
    """A site must say ``code=`` unless it passes one through (a variable) or its class has its
    own code (errors built by their class, such as a missing stored file)."""
    if site.kind in {"FieldError", "ValueError", "problem_response"} or site.code:
        return False
    return ERROR_CLASSES[site.kind].code in GENERIC_CODES


def test_every_error_raised_names_a_registered_code() -> None:
    missing = [str(s) for s in SITES if _needs_code(s)]
    unknown = [
        f"{s}: {s.code}" for s in SITES if s.code not in (None, "field", "passed", *ERROR_CODES)
    ]
    assert not missing, "errors without code=…: " + ", ".join(missing)
    assert not unknown, "codes missing from ERROR_CODES: " + ", ".join(unknown)


def test_every_class_default_code_is_registered() -> None:
    for cls in _subclasses(DomainError):
        assert cls.code in ERROR_CODES, cls


def test_every_detail_is_french() -> None:
    english = [
        f"{site}: {sorted(words)} in {site.text!r}"
        for site in SITES
        if site.text and (words := english_words(site.text))
    ]
    assert not english, "\n".join(english)
