"""Unknown query parameters are refused (422 naming them), not ignored: a misspelt filter
(``?caise=B``, ``?limt=10``) would otherwise answer as if it had not been asked."""

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from services.shared.errors import FieldError, Unprocessable


def _query_names(dependant: Dependant) -> set[str]:
    names = {param.alias for param in dependant.query_params}
    for dependency in dependant.dependencies:
        names |= _query_names(dependency)
    return names


_DECLARED: dict[int, frozenset[str]] = {}  # by id(route): routes live as long as the process


def _declared(route: APIRoute) -> frozenset[str]:
    """The query parameters of the route and of its dependencies (e.g. pagination)."""
    if (names := _DECLARED.get(id(route))) is None:
        names = _DECLARED[id(route)] = frozenset(_query_names(route.dependant))
    return names


async def reject_unknown_query_parameters(request: Request) -> None:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    unknown = sorted(set(request.query_params) - _declared(route))
    if unknown:
        raise Unprocessable(
            f"Paramètre de requête inconnu : {', '.join(repr(name) for name in unknown)}.",
            code="unknown_query_parameter",
            errors=[
                FieldError(field=name, location="query", message="paramètre inconnu")
                for name in unknown
            ],
        )


def contains_pattern(text: str) -> str:
    """A LIKE/ILIKE pattern matching ``text`` anywhere, its wildcards taken literally."""
    escaped = text.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
