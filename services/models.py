"""Imports every service's ORM models so that the one metadata knows all tables
(used by Alembic and the tests; services import only their own models)."""

from services.identity import models as identity_models
from services.interviews import models as interviews_models
from services.reporting.bilans import models as reporting_bilan_models
from services.shared import audit as audit_models
from services.targeting.caisses import models as targeting_caisse_models
from services.targeting.policy import models as targeting_policy_models
from services.targeting.registry import models as targeting_registry_models
from services.targeting.targets import models as targeting_target_models

__all__ = [
    "audit_models",
    "identity_models",
    "interviews_models",
    "reporting_bilan_models",
    "targeting_caisse_models",
    "targeting_policy_models",
    "targeting_registry_models",
    "targeting_target_models",
]
