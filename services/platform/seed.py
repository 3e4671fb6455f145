"""Loads reference data and demo data, each through its owning service's code."""

import tempfile
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.seed import seed_demo_accounts
from services.interviews.guide.seed import seed_national_guide
from services.interviews.letters.seed import seed_national_templates
from services.interviews.seed import seed_demo_availability, seed_past_interviews
from services.shared.auth import CaisseScope
from services.shared.db import create_sessionmaker, create_task_engine
from services.surveys.questionnaires.seed import seed_national_questionnaire
from services.targeting.caisses.models import Caisse
from services.targeting.caisses.seed import seed_caisses
from services.targeting.policy.models import PolicyAction
from services.targeting.policy.seed import seed_socle_2011
from services.targeting.registry.generator import write_population
from services.targeting.registry.importing import RowValidator, upsert_persons
from services.targeting.registry.models import InsuredPerson
from services.targeting.registry.schemas import ImportMode, RowError
from services.targeting.registry.tables import inspect_table, table_rows

DEMO_POPULATION = 60_000  # about 2,000 insured persons per caisse


async def seed_all(database_url: str, *, demo: bool, population: int = DEMO_POPULATION) -> int:
    """Seeds what is missing; returns how many demo insured persons it added."""
    inserted = 0
    engine = create_task_engine(database_url)
    try:
        async with create_sessionmaker(engine)() as session, session.begin():
            await seed_caisses(session)
            await seed_socle_2011(session)
            await seed_national_guide(session)
            await seed_national_templates(session)
            await seed_national_questionnaire(session)
            if demo:
                await seed_demo_accounts(session)
                await seed_demo_availability(session)
                inserted = await seed_demo_population(session, population)
                await seed_demo_interviews(session)
    finally:
        await engine.dispose()
    return inserted


DEMO_INTERVIEW_COUNSELOR = "conseiller.alpes"
DEMO_INTERVIEWS = 3


async def seed_demo_interviews(session: AsyncSession) -> int:
    """A few EIG interviews of the Alpes counselor, just past and still to be recorded, for
    people of the EIG population (active, born in 1952 or 1957)."""
    action_id = await session.scalar(
        select(PolicyAction.id).where(
            PolicyAction.year == 2011, PolicyAction.national, PolicyAction.code == "EIG"
        )
    )
    person_ids = list(
        await session.scalars(
            select(InsuredPerson.id)
            .where(
                InsuredPerson.caisse_code == "ALPES",
                InsuredPerson.status == "active",
                InsuredPerson.birth_year.in_((1952, 1957)),
                InsuredPerson.professional_group != "liberal",
            )
            .order_by(InsuredPerson.id)
            .limit(DEMO_INTERVIEWS)
        )
    )
    if action_id is None or not person_ids:
        return 0
    return await seed_past_interviews(
        session, username=DEMO_INTERVIEW_COUNSELOR, action_id=action_id, person_ids=person_ids
    )


async def seed_demo_population(session: AsyncSession, size: int) -> int:
    """Generates and imports a synthetic population, once: a registry that already holds
    people is left alone, so running the platform twice keeps the data."""
    if await session.scalar(select(func.count()).select_from(InsuredPerson)):
        return 0
    codes = frozenset(await session.scalars(select(Caisse.code)))

    async def refuse(errors: list[RowError]) -> None:
        raise RuntimeError(f"the generator wrote an invalid row: {errors[0]}")

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "population.csv"
        write_population(path, size)
        report = await upsert_persons(
            session,
            table_rows(path, inspect_table(path)),
            RowValidator(known_caisses=codes, scope=CaisseScope(None)),
            ImportMode.ALL_OR_NOTHING,
            refuse,
        )
    return report.inserted
