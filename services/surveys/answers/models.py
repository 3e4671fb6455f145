"""Answers to the questionnaire. A response knows its link (single use) but the results and
exports never expose it: nothing there leads back to the person."""

import uuid
from datetime import datetime

from sqlalchemy import BigInteger, DateTime, ForeignKey, Identity, SmallInteger, String, Text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class Response(Base):
    __tablename__ = "surveys_response"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    link_id: Mapped[int] = mapped_column(ForeignKey("surveys_link.id"), unique=True)
    campaign_id: Mapped[int] = mapped_column(ForeignKey("surveys_campaign.id"), index=True)
    questionnaire_version_id: Mapped[int] = mapped_column(
        ForeignKey("surveys_questionnaire_version.id")
    )
    caisse_code: Mapped[str] = mapped_column(String(20), index=True)
    action_id: Mapped[int | None] = mapped_column(BigInteger, index=True)
    channel: Mapped[str | None] = mapped_column(String(12))
    answered_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class Answer(Base):
    """One question's answer: ``score`` for a 1-5 scale (and yes/no as 1/0), ``choices`` for
    single and multiple choice, ``text`` for free text."""

    __tablename__ = "surveys_answer"

    id: Mapped[int] = mapped_column(BigInteger, Identity(), primary_key=True)
    response_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("surveys_response.id", ondelete="CASCADE"), index=True
    )
    question_id: Mapped[int] = mapped_column(ForeignKey("surveys_question.id"), index=True)
    score: Mapped[int | None] = mapped_column(SmallInteger)
    choices: Mapped[list[str] | None] = mapped_column(ARRAY(String(200)))
    text: Mapped[str | None] = mapped_column(Text)
