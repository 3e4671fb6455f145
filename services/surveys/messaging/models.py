"""Surveys' outbox: the emails and SMS carrying the answer links the draw issues (see
:mod:`services.shared.messaging.outbox`)."""

from sqlalchemy import ForeignKey
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base
from services.shared.messaging.outbox import OutboxMixin


class SurveyOutboxMessage(OutboxMixin, Base):
    """A survey link's email or SMS to deliver."""

    __tablename__ = "surveys_outbox_message"

    link_id: Mapped[int] = mapped_column(ForeignKey("surveys_link.id"), index=True)
