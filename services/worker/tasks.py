"""Every task of the platform: importing this module declares them all on the queue."""

from services.identity import tasks as identity
from services.interviews import tasks as interviews
from services.surveys import tasks as surveys
from services.targeting import tasks as targeting
from services.worker import maintenance

__all__ = ["identity", "interviews", "maintenance", "surveys", "targeting"]
