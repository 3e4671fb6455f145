"""Frozen target lists: who matched an action's definition, ranked, at one moment."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import BigInteger, DateTime, ForeignKey, Integer, SmallInteger, String, func
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class TargetList(Base):
    __tablename__ = "targeting_target_list"

    id: Mapped[uuid.UUID] = mapped_column(primary_key=True, default=uuid.uuid4)
    action_id: Mapped[int] = mapped_column(ForeignKey("targeting_policy_action.id"), index=True)
    caisse_code: Mapped[str] = mapped_column(ForeignKey("targeting_caisse.code"))
    job_id: Mapped[uuid.UUID] = mapped_column(ForeignKey("targeting_job.id"))
    status: Mapped[str] = mapped_column(String(12))
    # The definition and options as they were when the list was frozen.
    definition: Mapped[dict[str, Any]] = mapped_column(JSONB)
    sampling: Mapped[dict[str, Any] | None] = mapped_column(JSONB)
    recency_window_days: Mapped[int] = mapped_column(SmallInteger)
    matched: Mapped[int] = mapped_column(Integer, default=0)
    excluded_opt_out: Mapped[int] = mapped_column(Integer, default=0)
    excluded_recent_contact: Mapped[int] = mapped_column(Integer, default=0)
    size: Mapped[int] = mapped_column(Integer, default=0)
    created_by: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), server_default=func.now())


class TargetListMember(Base):
    __tablename__ = "targeting_target_list_member"

    list_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("targeting_target_list.id", ondelete="CASCADE"), primary_key=True
    )
    rank: Mapped[int] = mapped_column(Integer, primary_key=True)
    person_id: Mapped[int] = mapped_column(BigInteger, ForeignKey("targeting_insured_person.id"))
    priority_group: Mapped[int] = mapped_column(SmallInteger)
