"""Identity's background work, run by ``rsi worker``: the delivery of its emails
(invitations and password resets)."""

from procrastinate import JobContext

from services.identity.messaging.models import IdentityOutboxMessage
from services.shared.messaging.worker import deliver_due
from services.shared.queue import QueueTask, periodic_task
from services.shared.worker import resources_of

SERVICE = "identity"
MESSAGES_TASK = QueueTask("identity.deliver_messages", queue=SERVICE)


@periodic_task(MESSAGES_TASK)
async def deliver_messages(context: JobContext, timestamp: int) -> None:
    resources = resources_of(context)
    await deliver_due(
        resources.sessions,
        IdentityOutboxMessage,
        resources.email,
        resources.sms,
        max_attempts=resources.settings.outbox_max_attempts,
    )
