"""A method a resource does not have is a 405 whose ``Allow`` lists every method it has."""

import re
from collections import defaultdict

import httpx
import pytest

from services.platform.stack import SERVICES
from services.shared.routing import walk_routes
from tests.routes import service_app

METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")


@pytest.mark.parametrize("service", SERVICES)
async def test_every_405_names_the_allowed_methods(service: str) -> None:
    app = service_app(service)
    by_path: dict[str, set[str]] = defaultdict(set)
    for path, route in walk_routes(app):
        by_path[path] |= set(getattr(route, "methods", None) or ())
    transport = httpx.ASGITransport(app=app)
    checked = 0
    async with httpx.AsyncClient(transport=transport, base_url="http://test") as client:
        for path in by_path:
            concrete = re.sub(r"\{[^}]+\}", "1", path)
            # /persons/search is also /persons/{person_id}: every template it fits counts.
            methods = set().union(
                *(
                    methods
                    for template, methods in by_path.items()
                    if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), concrete)
                )
            )
            for method in (m for m in METHODS if m not in methods):
                response = await client.request(method, concrete)
                assert response.status_code == 405, (method, path, response.status_code)
                assert response.headers["content-type"] == "application/problem+json"
                allowed = set(response.headers["allow"].split(", "))
                assert allowed == methods, (method, path)
                checked += 1
    assert checked > len(by_path)
