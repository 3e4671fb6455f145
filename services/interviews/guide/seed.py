"""The national guide's first version: the eleven drawers the circular lists (seeds/001)."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.guide.models import GuideSection, GuideStatus, GuideVersion

ALWAYS: dict[str, Any] = {"always": True}
ACTIVE: dict[str, Any] = {"field": "status", "equals": "active"}

NATIONAL_GUIDE: tuple[tuple[str, str, str, dict[str, Any]], ...] = (
    (
        "rsi_missions",
        "Le RSI et ses missions",
        "Présenter l'interlocuteur social unique : retraite, maladie, recouvrement des "
        "cotisations, action sanitaire et sociale, prévention.",
        ALWAYS,
    ),
    (
        "status_contributions",
        "Statut et cotisations",
        "Vérifier le statut (artisan, commerçant), l'assiette et l'échéancier des cotisations, "
        "les modalités de paiement et de régularisation.",
        ACTIVE,
    ),
    (
        "retirement_rights",
        "Droits à la retraite personnalisés (relevé RIS)",
        "Commenter le relevé individuel de situation : trimestres validés et requis, périodes "
        "manquantes, âge de départ possible ; proposer une reconstitution de carrière.",
        {"any": [{"field": "age", "min": 45}, {"field": "incomplete_career", "equals": True}]},
    ),
    (
        "health_insurance",
        "Droits à l'assurance maladie",
        "Prestations en nature, indemnités journalières, couverture complémentaire, carte Vitale.",
        ALWAYS,
    ),
    (
        "prevention",
        "Prévention et risques professionnels",
        "Risques propres au métier, actions de prévention et dépistages proposés par le RSI.",
        ACTIVE,
    ),
    (
        "social_action",
        "Action sanitaire et sociale",
        "Aides en cas de difficulté : cotisations, aide ménagère, secours exceptionnels.",
        {"any": [{"field": "age", "min": 60}, {"field": "invalidity_pension", "equals": True}]},
    ),
    (
        "online_services",
        "Services en ligne",
        "Espace personnel, déclarations et paiements en ligne, simulateurs.",
        ALWAYS,
    ),
    (
        "conjoint_collaborateur",
        "Conjoint collaborateur",
        "Statut du conjoint, options de cotisation et droits propres à la retraite.",
        {"field": "conjoint_collaborateur", "equals": True},
    ),
    (
        "invalidity",
        "Invalidité",
        "Pension d'invalidité, révision, cumul avec une activité, passage à la retraite.",
        {"field": "invalidity_pension", "equals": True},
    ),
    (
        "auto_entrepreneur",
        "Auto-entrepreneur",
        "Déclaration du chiffre d'affaires, cotisations proportionnelles, droits acquis et "
        "seuils de validation des trimestres.",
        {"field": "auto_entrepreneur", "equals": True},
    ),
    (
        "eirl",
        "EIRL",
        "Entrepreneur individuel à responsabilité limitée : patrimoine affecté, option fiscale, "
        "assiette des cotisations.",
        {"field": "eirl", "equals": True},
    ),
)


async def seed_national_guide(session: AsyncSession) -> None:
    """Publishes version 1 unless a guide exists."""
    if await session.scalar(select(GuideVersion.id).limit(1)) is not None:
        return
    version = GuideVersion(
        number=1, status=GuideStatus.PUBLISHED.value, created_by="seed", published_at=func.now()
    )
    session.add(version)
    await session.flush()
    session.add_all(
        GuideSection(
            version_id=version.id,
            position=position,
            key=key,
            title=title,
            content=content,
            condition=condition,
        )
        for position, (key, title, content, condition) in enumerate(NATIONAL_GUIDE)
    )
