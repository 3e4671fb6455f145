from sqlalchemy import BigInteger, CheckConstraint, SmallInteger
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class RegistryGeneration(Base):
    """One row, incremented by a trigger in the transaction of every statement that changes
    who the registry holds or what targeting reads of them (all columns but the contact date,
    which the relay of contacts updates all day). Counts computed at a generation stay true
    until the next one."""

    __tablename__ = "targeting_registry_generation"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"),)

    id: Mapped[int] = mapped_column(SmallInteger, primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger, default=0)
