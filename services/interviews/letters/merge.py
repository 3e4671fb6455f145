"""Merge fields of letter templates: ``${person.last_name}`` and the like.

A template names only fields of :data:`FIELDS`; an unknown one is refused when the template
is saved and again when a campaign starts, so no letter is ever printed with a hole.

A conditional block ``[[…]]`` is printed only when every merge field in it has a value, so
that an optional field never leaves a broken sentence: "appelez le
${campaign.contact_phone}[[ avant le ${campaign.reply_by}]]." reads "appelez le 04 76 00 00
00." when no reply date was given. Blocks do not nest.
"""

import re
from string import Template

from services.shared.errors import FieldError, Unprocessable

FIELDS: dict[str, str] = {
    "person.civility": "Madame ou Monsieur",
    "person.first_name": "Prénom",
    "person.last_name": "Nom",
    "person.address_line": "Adresse (numéro et voie)",
    "person.postcode": "Code postal",
    "person.city": "Commune",
    "caisse.name": "Nom de la caisse",
    "action.title": "Intitulé de l'action",
    "campaign.contact_phone": "Téléphone pour prendre rendez-vous",
    "campaign.reply_by": "Date limite de réponse",
    "letter.date": "Date du courrier",
    "meeting.title": "Intitulé de la rencontre",
    "meeting.date": "Date de la rencontre",
    "meeting.time": "Heure de la rencontre",
    "meeting.place": "Lieu de la rencontre",
    "booking.url": "Lien personnel de prise de rendez-vous",
    "booking.expires": "Date d'expiration du lien personnel",
}
MEETING_FIELDS = frozenset(name for name in FIELDS if name.startswith("meeting."))
BOOKING_FIELDS = frozenset(name for name in FIELDS if name.startswith("booking."))


class LetterTemplateText(Template):
    # Dotted names, and only in the braced form: "${person.city}".
    braceidpattern = r"[a-z]+\.[a-z_]+"
    idpattern = r"(?!)"
    flags = re.ASCII


_BLOCK = re.compile(r"\[\[(.*?)\]\]", re.DOTALL)
_SPACED_BLOCK = re.compile(r"([ \t]*)\[\[(.*?)\]\]", re.DOTALL)


def check_fields(text: str, field: str, allowed: frozenset[str] | None = None) -> None:
    """Refuses a text with an unknown merge field, a ``$`` that is not one (``$$`` is a
    dollar sign), or an unbalanced conditional block."""
    outside = _BLOCK.sub("", text)
    if "[[" in outside or "]]" in outside:
        raise Unprocessable(
            f"Le champ {field} contient un bloc conditionnel « [[ … ]] » mal fermé ou imbriqué.",
            code="letter.unbalanced_block",
            errors=[
                FieldError(field=field, location="body", message="bloc conditionnel mal formé")
            ],
        )
    template = LetterTemplateText(text)
    if not template.is_valid():
        raise Unprocessable(
            f"Le champ {field} contient un « $ » qui n'est pas un champ de fusion comme "
            "${{person.last_name}} (écrivez $$ pour le signe dollar).",
            code="letter.invalid_merge_field",
            errors=[FieldError(field=field, location="body", message="champ de fusion invalide")],
        )
    known = allowed if allowed is not None else frozenset(FIELDS)
    unknown = sorted(set(template.get_identifiers()) - known)
    if unknown:
        raise Unprocessable(
            f"Champ de fusion inconnu dans {field} : {', '.join(unknown)}.",
            code="letter.unknown_merge_field",
            errors=[
                FieldError(field=field, location="body", message=f"champ de fusion inconnu {name}")
                for name in unknown
            ],
        )


def _blocks(text: str, values: dict[str, str]) -> str:
    """Keeps a block whose every field has a value (its brackets dropped), removes the others;
    a field not in ``values`` at all is left for a later merge."""

    def block(match: re.Match[str]) -> str:
        space, inner = match.group(1), match.group(2)
        names = LetterTemplateText(inner).get_identifiers()
        if any(name in values and not values[name].strip() for name in names):
            # "le 04 … [[avant le …]]." loses the space too: no "04 … ." left behind.
            follows = match.string[match.end() : match.end() + 1]
            return "" if follows in (".", ",") else space
        if all(name in values for name in names):
            return space + inner
        return match.group(0)

    return _SPACED_BLOCK.sub(block, text)


def merge(text: str, values: dict[str, str]) -> str:
    return LetterTemplateText(_blocks(text, values)).substitute(values)


def merge_known(text: str, values: dict[str, str]) -> str:
    """Merges the fields ``values`` has and leaves the others (a campaign's title, where the
    person's fields are not known yet)."""
    return LetterTemplateText(_blocks(text, values)).safe_substitute(values)


def empty_fields(text: str, values: dict[str, str]) -> list[str]:
    """The fields that would print empty outside any conditional block (a preview warns)."""
    outside = LetterTemplateText(_BLOCK.sub("", text)).get_identifiers()
    return sorted({name for name in outside if not values.get(name, "").strip()})
