from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import CaisseScope
from services.shared.errors import NotFound
from services.shared.pagination import PageParams
from services.targeting.caisses.models import Caisse


async def list_caisses(
    session: AsyncSession, scope: CaisseScope, page: PageParams
) -> tuple[list[Caisse], int]:
    query = select(Caisse)
    if scope.caisse_codes is not None:
        query = query.where(Caisse.code.in_(scope.caisse_codes))
    total = await session.scalar(select(func.count()).select_from(query.subquery()))
    rows = await session.scalars(query.order_by(Caisse.code).limit(page.limit).offset(page.offset))
    return list(rows), total or 0


async def get_caisse(session: AsyncSession, scope: CaisseScope, code: str) -> Caisse:
    caisse = await session.get(Caisse, code) if scope.allows(code) else None
    if caisse is None:
        raise NotFound(f"Caisse « {code} » introuvable.", code="caisse.not_found")
    return caisse
