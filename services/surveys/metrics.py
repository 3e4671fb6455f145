"""Surveys' figures for ``/metrics``: its outbox of answer links."""

from services.shared.metrics import Probe, outbox_probe
from services.surveys.messaging.models import SurveyOutboxMessage

PROBES: tuple[Probe, ...] = (outbox_probe(SurveyOutboxMessage.__tablename__),)
