"""Tables owned by the targeting service."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from services.shared.db import Base


class Caisse(Base):
    """A regional fund of the RSI network."""

    __tablename__ = "targeting_caisse"

    code: Mapped[str] = mapped_column(String(20), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    region: Mapped[str] = mapped_column(String(120))
    overseas: Mapped[bool] = mapped_column(default=False)
