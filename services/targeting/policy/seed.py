"""The 2011 socle commun minimal, from the national circular's table (seeds/001)."""

from datetime import date
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.targeting.policy.models import ContactType, PolicyAction
from services.targeting.targets.definition import TargetDefinition

ARTISANS_AND_COMMERCANTS = ["artisan", "commercant"]  # professions libérales are out of scope


def _definition(
    filter_: dict[str, Any], priorities: list[dict[str, Any]] | None = None
) -> dict[str, Any]:
    return TargetDefinition.model_validate(
        {"filter": filter_, "priorities": priorities or []}
    ).model_dump(mode="json", exclude_none=True)


SOCLE_2011: tuple[dict[str, Any], ...] = (
    {
        "code": "EIG",
        "title": "Entretiens de conseil social — population « EIG »",
        "contact_type": ContactType.INDIVIDUAL_INTERVIEW,
        "target_description": "Population « EIG » : actifs nés en 1952 et 1957, avec une "
        "priorisation sur ceux avec carrière incomplète.",
        "specific_objective": "Préparation des campagnes d'envoi des Estimations Indicatives "
        "Globales de 2012, avec démarche d'optimisation des travaux de « pré-liquidation ».",
        "content": "Reconstitution de carrière en vue de l'envoi d'une EIG complète. Information "
        "sur le passage à la retraite, le statut de conjoint collaborateur, l'invalidité. "
        "Information « adaptée au profil » sur l'ensemble de la protection sociale : "
        "cotisations, prévention santé, ASS.",
        "calendar_start": date(2011, 7, 1),
        "calendar_end": date(2012, 3, 31),
        "modalities": "Entretiens physiques ou téléphoniques.",
        "tools": "Volumétrie et modalités de requêtes ; kit d'entretien : trame (sur la base de "
        "celle de l'offre de service global), courriers, supports de communication.",
        "target_definition": _definition(
            {
                "birth_years": [1952, 1957],
                "statuses": ["active"],
                "professional_groups": ARTISANS_AND_COMMERCANTS,
            },
            [{"label": "Carrière incomplète", "criteria": {"incomplete_career": True}}],
        ),
        "recency_window_days": 365,
        "interview_minutes": 45,
        "buffer_minutes": 15,
    },
    {
        "code": "CREATEURS",
        "title": "Contacts « Créateurs d'entreprise »",
        "contact_type": ContactType.LETTER,
        "target_description": "Ensemble des créateurs d'entreprise de l'année.",
        "specific_objective": "Poursuite des contacts avec les créateurs d'entreprise au regard "
        "de leur situation stratégique pour le régime (engagement COG).",
        "content": "Support de communication « Le guide de votre protection sociale ».",
        "calendar_start": date(2011, 1, 1),
        "calendar_end": date(2011, 12, 31),
        "modalities": "Engagement « COG » : envoi du support « la protection sociale du "
        "créateur » avec le courrier d'affiliation ; éventuelle proposition d'entretien selon "
        "la politique de la caisse.",
        "tools": "Supports de communication sur les créateurs d'entreprise.",
        "target_definition": _definition(
            {
                "created_between": {"start": "2011-01-01", "end": "2011-12-31"},
                "professional_groups": ARTISANS_AND_COMMERCANTS,
            }
        ),
        "recency_window_days": 0,
        "interview_minutes": 45,
        "buffer_minutes": 15,
    },
    {
        "code": "RENCONTRE_CS",
        "title": "Rencontres de conseil social — catégorie professionnelle",
        "contact_type": ContactType.COLLECTIVE_MEETING,
        "target_description": "Une catégorie professionnelle lors d'une manifestation existante. "
        "Attention : ne peut concerner que les professions pour lesquelles on dispose d'une "
        "information sur les risques professionnels.",
        "specific_objective": "Mise en œuvre de la politique d'offre de service global en "
        "capitalisant sur des manifestations « partenaires » existantes ; développement "
        "d'actions de prévention des risques professionnels.",
        "content": "Régime des cotisations, statuts, conjoint, prestations de retraite, "
        "prestations de santé, prévention santé, prévention des risques professionnels, "
        "parcours de soins.",
        "calendar_start": date(2011, 1, 1),
        "calendar_end": date(2011, 12, 31),
        "modalities": "Lors des manifestations et/ou salons professionnels.",
        "tools": "Kit des rencontres « Offre de service global » : trame d'entretien, courriers, "
        "supports de communication, brochures prévention.",
        "target_definition": _definition(
            {
                "statuses": ["active"],
                "professional_groups": ARTISANS_AND_COMMERCANTS,
                "professional_categories": ["coiffure"],
            }
        ),
        "recency_window_days": 180,
        "interview_minutes": None,
    },
    {
        "code": "RENCONTRE_AE",
        "title": "Rencontres « Auto-entrepreneurs »",
        "contact_type": ContactType.COLLECTIVE_MEETING,
        "target_description": "Auto-entrepreneurs artisans et commerçants.",
        "specific_objective": "Apport d'une information générale à un public à la fois "
        "potentiellement fragilisé, spécifique et politiquement sensible ; prévention des "
        "risques inhérents à ce statut (déclaration de revenus, acquisition de droits…).",
        "content": "Trame du créateur d'entreprise adaptée aux auto-entrepreneurs ; information "
        "sur l'ensemble de la protection sociale du TI AE : cotisations, prestations santé, "
        "prévention santé, retraite, invalidité, ASS.",
        "calendar_start": date(2011, 1, 1),
        "calendar_end": date(2011, 12, 31),
        "modalities": "Rencontres collectives.",
        "tools": "Volumétrie et modalités de requêtes ; diaporama « Auto-entrepreneurs » ; "
        "guide « L'auto-entrepreneur ».",
        "target_definition": _definition(
            {
                "auto_entrepreneur": True,
                "statuses": ["active"],
                "professional_groups": ARTISANS_AND_COMMERCANTS,
            }
        ),
        "recency_window_days": 365,
        "interview_minutes": None,
    },
)


async def seed_socle_2011(session: AsyncSession) -> int:
    """Adds the socle's actions that are missing (by code); edits made since are kept."""
    existing = set(
        await session.scalars(
            select(PolicyAction.code).where(PolicyAction.year == 2011, PolicyAction.national)
        )
    )
    added = 0
    for action in SOCLE_2011:
        if action["code"] in existing:
            continue
        session.add(
            PolicyAction(
                **{**action, "contact_type": action["contact_type"].value},
                year=2011,
                national=True,
                caisse_code=None,
                created_by="seed",
            )
        )
        added += 1
    await session.flush()
    return added
