"""Values PostgreSQL cannot store are refused at the door, on every route: a 422 naming the
field, instead of a 500 or a generic "out of range" from the database.

- text: PostgreSQL refuses the NUL character in ``text``/``varchar`` ("invalid byte sequence
  0x00"), and a lone UTF-16 surrogate (``"\\ud800"`` is valid JSON) is not encodable in UTF-8;
- integers: JSON and Python have no bound, ``bigint`` does (64 bits); identifiers in paths
  are PostgreSQL ``integer``s (32 bits).

One app-wide dependency (services/shared/app.py) checks the path and query parameters and
every string, object key and integer of a JSON body, whatever its schema."""

import re
from collections.abc import Iterator
from typing import Any, get_args

from fastapi import Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from services.shared.errors import FieldError, Unprocessable

INT64 = (-(2**63), 2**63 - 1)
INT32 = (-(2**31), 2**31 - 1)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# In a JSON text, NUL and surrogates can only be escapes, and a too large integer is a run of
# 19 digits or more: a body without any of them is not walked (the common case, a few fast
# scans of the bytes, ~10 times quicker than parsing them).
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")
_DIGITS_AS_ZEROS = bytes.maketrans(b"123456789", b"000000000")


def _may_be_unstorable_json(body: bytes) -> bool:
    return (
        b"\\u0000" in body
        or _SURROGATE_ESCAPE.search(body) is not None
        or b"0" * 19 in body.translate(_DIGITS_AS_ZEROS)
    )


_NUL = "contient le caractère NUL, que la base ne peut pas enregistrer"
_SURROGATE = "contient un caractère Unicode invalide (substitut isolé)"


def unstorable_text(value: str) -> str | None:
    """Why PostgreSQL cannot store ``value`` as text (in French), or None."""
    if value.isascii():  # the common case, without a regex
        return _NUL if "\x00" in value else None
    found = _UNSTORABLE.search(value)
    if found is None:
        return None
    return _NUL if found.group() == "\x00" else _SURROGATE


def _out_of_range(value: int, bounds: tuple[int, int]) -> str | None:
    low, high = bounds
    if low <= value <= high:
        return None
    return f"doit être un entier compris entre {low} et {high}"


def _walk(value: Any, path: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(value, str):
        if (reason := unstorable_text(value)) is not None:
            yield path, reason
    elif isinstance(value, bool):
        return
    elif isinstance(value, int):
        if (reason := _out_of_range(value, INT64)) is not None:
            yield path, reason
    elif isinstance(value, dict):
        for key, item in value.items():
            if (reason := unstorable_text(key)) is not None:
                yield (*path, key.encode("unicode_escape").decode()), f"nom de champ qui {reason}"
            else:
                yield from _walk(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, str(index)))


def _mentions_int(annotation: Any) -> bool:
    """``int``, ``int | None``, ``list[int]``, ``Annotated[int, …]``…"""
    if annotation is int:
        return True
    return any(_mentions_int(arg) for arg in get_args(annotation))


def _int_params(dependant: Dependant, kind: str) -> set[str]:
    names = {p.alias for p in getattr(dependant, kind) if _mentions_int(p.field_info.annotation)}
    for dependency in dependant.dependencies:
        names |= _int_params(dependency, kind)
    return names


# By id(route), as routes live as long as the process: (path, query) integer parameters.
_INT_PARAMS: dict[int, tuple[frozenset[str], frozenset[str]]] = {}


def _int_param_names(request: Request) -> tuple[frozenset[str], frozenset[str]]:
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return frozenset(), frozenset()
    if (names := _INT_PARAMS.get(id(route))) is None:
        names = _INT_PARAMS[id(route)] = (
            frozenset(_int_params(route.dependant, "path_params")),
            frozenset(_int_params(route.dependant, "query_params")),
        )
    return names


def _url_errors(request: Request) -> Iterator[FieldError]:
    """Path identifiers are ``integer`` columns (32 bits); query integers ``bigint`` at most."""
    path_ints, query_ints = _int_param_names(request)
    parameters = [
        ("path", name, str(value), INT32 if name in path_ints else None)
        for name, value in request.path_params.items()
    ] + [
        ("query", name, value, INT64 if name in query_ints else None)
        for name, value in request.query_params.multi_items()
    ]
    for location, name, value, bounds in parameters:
        reason = unstorable_text(name) or unstorable_text(value)
        if reason is None and bounds is not None and re.fullmatch(r"\s*[+-]?\d+\s*", value):
            # int() refuses texts of more than 4,300 digits: anything that long is too large.
            number = int(value) if len(value) < 100 else bounds[1] + 1
            reason = _out_of_range(number, bounds)
        if reason is not None:
            field = name.encode("unicode_escape").decode()
            yield FieldError(field=field, location=location, message=reason)


async def _body_errors(request: Request) -> Iterator[tuple[tuple[str, ...], str]]:
    """FastAPI has parsed the body already (``request.json()`` and ``form()`` are cached)."""
    content_type = request.headers.get("content-type", "")
    if "json" in content_type and _may_be_unstorable_json(await request.body()):
        try:
            return _walk(await request.json(), ())
        except ValueError:
            pass  # FastAPI answers the malformed body itself
    elif content_type.startswith(("application/x-www-form-urlencoded", "multipart/form-data")):
        form = await request.form()
        fields = {name: value for name, value in form.multi_items() if isinstance(value, str)}
        return _walk(fields, ())
    return iter(())


async def reject_unstorable_values(request: Request) -> None:
    errors = list(_url_errors(request))
    errors += [
        FieldError(field=".".join(path) or "body", location="body", message=reason)
        for path, reason in await _body_errors(request)
    ]
    if errors:
        first = errors[0]
        raise Unprocessable(
            f"Valeur refusée pour le champ '{first.field}' : {first.message}.",
            errors=errors,
            code="validation.invalid",
        )
