"""The national satisfaction questionnaire (version 1), as the circular asks: one model for
every caisse so that results consolidate nationally."""

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.surveys.questionnaires.models import (
    OVERALL_SATISFACTION_KEY,
    Question,
    QuestionnaireVersion,
    QuestionType,
    VersionStatus,
)
from services.surveys.questionnaires.service import NATIONAL_TITLE

NATIONAL_QUESTIONS: tuple[dict[str, Any], ...] = (
    {
        "key": "accueil",
        "type": QuestionType.SCALE,
        "label": "Comment évaluez-vous l'accueil qui vous a été réservé ? "
        "(1 : très insatisfait, 5 : très satisfait)",
    },
    {
        "key": "clarte",
        "type": QuestionType.SCALE,
        "label": "Les informations qui vous ont été données étaient-elles claires ? "
        "(1 : pas du tout, 5 : tout à fait)",
    },
    {
        "key": "utilite",
        "type": QuestionType.SINGLE_CHOICE,
        "label": "Ces informations vous seront-elles utiles pour vos démarches ?",
        "options": ["Très utiles", "Plutôt utiles", "Peu utiles", "Pas utiles du tout"],
    },
    {
        "key": "canal",
        "type": QuestionType.YES_NO,
        "label": "Le mode de contact (rendez-vous à l'accueil, téléphone, réunion, courrier) "
        "vous a-t-il convenu ?",
    },
    {
        "key": "sujets",
        "type": QuestionType.MULTIPLE_CHOICE,
        "label": "Sur quels sujets souhaiteriez-vous davantage d'informations ?",
        "options": [
            "Retraite",
            "Cotisations",
            "Assurance maladie",
            "Prévention",
            "Action sanitaire et sociale",
            "Services en ligne",
        ],
        "required": False,
    },
    {
        "key": OVERALL_SATISFACTION_KEY,
        "type": QuestionType.SCALE,
        "label": "Globalement, êtes-vous satisfait(e) de ce contact avec le RSI ? "
        "(1 : très insatisfait, 5 : très satisfait)",
    },
    {
        "key": "commentaire",
        "type": QuestionType.FREE_TEXT,
        "label": "Un commentaire, une suggestion ?",
        "required": False,
    },
)


async def seed_national_questionnaire(session: AsyncSession) -> bool:
    """Publishes version 1 of the national model unless a national version exists."""
    exists = await session.scalar(
        select(QuestionnaireVersion.id).where(QuestionnaireVersion.caisse_code.is_(None)).limit(1)
    )
    if exists is not None:
        return False
    version = QuestionnaireVersion(
        caisse_code=None,
        base_version_id=None,
        number=1,
        title=NATIONAL_TITLE,
        introduction="Vous avez récemment été en contact avec votre caisse du RSI. Votre avis "
        "nous aide à améliorer notre service : ce questionnaire anonyme prend deux minutes.",
        status=VersionStatus.PUBLISHED.value,
        created_by="seed",
        published_at=func.now(),
    )
    session.add(version)
    await session.flush()
    for position, question in enumerate(NATIONAL_QUESTIONS, start=1):
        session.add(
            Question(
                version_id=version.id,
                position=position,
                key=question["key"],
                type=question["type"].value,
                label=question["label"],
                required=question.get("required", True),
                options=question.get("options", []),
            )
        )
    await session.flush()
    return True
