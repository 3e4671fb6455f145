"""Imports every service's ORM models so that the one metadata knows all tables
(used by Alembic and the tests; services import only their own models)."""

from services.identity import models as identity_models
from services.identity.messaging import models as identity_messaging_models
from services.identity.oidc import models as identity_oidc_models
from services.identity.passwords import models as identity_password_models
from services.identity.sessions import models as identity_session_models
from services.interviews import jobs as interviews_jobs
from services.interviews.agenda_feed import models as interviews_agenda_feed_models
from services.interviews.contacts import models as interviews_contact_models
from services.interviews.followups import models as interviews_followup_models
from services.interviews.guide import models as interviews_guide_models
from services.interviews.invitations import models as interviews_invitation_models
from services.interviews.letters import models as interviews_letter_models
from services.interviews.meetings import models as interviews_meeting_models
from services.interviews.messaging import models as interviews_messaging_models
from services.interviews.scheduling import models as interviews_scheduling_models
from services.reporting.bilans import models as reporting_bilan_models
from services.shared import audit as audit_models
from services.surveys.answers import models as surveys_answer_models
from services.surveys.campaigns import models as surveys_campaign_models
from services.surveys.messaging import models as surveys_messaging_models
from services.surveys.questionnaires import models as surveys_questionnaire_models
from services.targeting.caisses import models as targeting_caisse_models
from services.targeting.kit import models as targeting_kit_models
from services.targeting.policy import models as targeting_policy_models
from services.targeting.registry import models as targeting_registry_models
from services.targeting.stats import models as targeting_stats_models
from services.targeting.targets import models as targeting_target_models

__all__ = [
    "audit_models",
    "identity_messaging_models",
    "identity_models",
    "identity_oidc_models",
    "identity_password_models",
    "identity_session_models",
    "interviews_agenda_feed_models",
    "interviews_contact_models",
    "interviews_followup_models",
    "interviews_guide_models",
    "interviews_invitation_models",
    "interviews_jobs",
    "interviews_letter_models",
    "interviews_meeting_models",
    "interviews_messaging_models",
    "interviews_scheduling_models",
    "reporting_bilan_models",
    "surveys_answer_models",
    "surveys_campaign_models",
    "surveys_messaging_models",
    "surveys_questionnaire_models",
    "targeting_caisse_models",
    "targeting_kit_models",
    "targeting_policy_models",
    "targeting_registry_models",
    "targeting_stats_models",
    "targeting_target_models",
]
