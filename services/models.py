"""Imports every service's ORM models so that the one metadata knows all tables
(used by Alembic and the tests; services import only their own models)."""

from services.identity import models as identity_models
from services.targeting import models as targeting_models

__all__ = ["identity_models", "targeting_models"]
