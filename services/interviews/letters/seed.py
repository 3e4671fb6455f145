"""National letter templates: the interview proposal and the meeting invitation."""

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.letters.models import LetterTemplate

INTERVIEW_PROPOSAL = LetterTemplate(
    name="Proposition d'entretien de conseil social",
    subject="Proposition d'un entretien personnalisé — ${action.title}",
    body=(
        "${person.civility} ${person.last_name},\n\n"
        "Votre caisse ${caisse.name} vous propose un entretien personnalisé avec un conseiller, "
        "à l'accueil ou par téléphone, pour faire le point sur votre protection sociale : "
        "vos droits à la retraite, votre carrière, votre assurance maladie.\n\n"
        "Pour prendre rendez-vous, appelez le ${campaign.contact_phone}"
        "[[ avant le ${campaign.reply_by}]]. Munissez-vous de votre relevé de carrière si vous "
        "l'avez.\n\n"
        "Nous vous prions d'agréer, ${person.civility}, l'expression de nos salutations "
        "distinguées.\n\n"
        "Le directeur de ${caisse.name}"
    ),
    updated_by="seed",
)
MEETING_INVITATION = LetterTemplate(
    name="Invitation à une rencontre",
    subject="Invitation — ${meeting.title}",
    body=(
        "${person.civility} ${person.last_name},\n\n"
        "${caisse.name} vous invite à la rencontre « ${meeting.title} » le ${meeting.date} à "
        "${meeting.time}, ${meeting.place}.\n\n"
        "Nos conseillers y présenteront vos droits et les actions de prévention adaptées à "
        "votre activité. Pour vous inscrire, appelez le ${campaign.contact_phone}.\n\n"
        "Le directeur de ${caisse.name}"
    ),
    updated_by="seed",
)


async def seed_national_templates(session: AsyncSession) -> None:
    """Adds the national templates once (none yet)."""
    if await session.scalar(select(LetterTemplate.id).limit(1)) is not None:
        return
    for template in (INTERVIEW_PROPOSAL, MEETING_INVITATION):
        session.add(
            LetterTemplate(
                name=template.name,
                subject=template.subject,
                body=template.body,
                updated_by=template.updated_by,
            )
        )
