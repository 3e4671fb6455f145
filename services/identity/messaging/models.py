"""Identity's outbox: the emails carrying invitation and password-reset links (see
:mod:`services.shared.messaging.outbox`). Identity writes only its own tables, so it keeps
its own outbox, delivered by the same worker as the others'."""

import uuid

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base
from services.shared.messaging.outbox import OutboxMixin


class IdentityOutboxMessage(OutboxMixin, Base):
    """An email to an account's owner."""

    __tablename__ = "identity_outbox_message"

    user_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("identity_user.id", ondelete="CASCADE"), index=True
    )
