"""The NIR (numéro d'inscription au répertoire, « numéro de sécurité sociale »).

15 characters: sex (1), birth year (2), birth month (2), department (2, ``2A``/``2B`` for
Corsica), commune (3), order (3), control key (2). The key is 97 - (the first 13 digits mod 97),
Corsica's 2A and 2B counting as 19 and 18. Months 20-42 and 50-99 are legal: they mark civil
status records whose month is unknown. The NIR never goes into a URL, a log line or an error
message (décret 2019-341): errors here say what is wrong, never the value.
"""

import re
from datetime import date

from services.shared.french import plural

NIR_PATTERN = re.compile(r"^[12]\d{4}(?:\d{2}|2[AB])\d{6}\d{2}$")
_CORSICA = {"2A": "19", "2B": "18"}


class NirError(ValueError):
    """What is wrong with a NIR, worded without the NIR itself."""


def control_key(first_13: str) -> int:
    digits = first_13[:5] + _CORSICA.get(first_13[5:7], first_13[5:7]) + first_13[7:]
    return 97 - int(digits) % 97


def normalize_nir(raw: str) -> str:
    """Strips the spaces and dots people type, upper-cases the Corsican letter."""
    return raw.replace(" ", "").replace(".", "").upper()


def validate_nir(nir: str, *, sex: int | None = None, birth_date: date | None = None) -> None:
    """Raises :class:`NirError` unless ``nir`` is well formed, its key right, and it agrees
    with ``sex`` (1 man, 2 woman) and ``birth_date`` when they are given."""
    if len(nir) != 15:
        raise NirError(f"compte {plural(len(nir), 'caractère')} au lieu de 15")
    if not NIR_PATTERN.fullmatch(nir):
        raise NirError(
            "doit compter 13 chiffres (2A ou 2B pour la Corse) suivis d'une clé de 2 chiffres"
        )
    if int(nir[13:]) != control_key(nir[:13]):
        raise NirError("la clé de contrôle (2 derniers chiffres) ne correspond pas")
    if sex is not None and int(nir[0]) != sex:
        raise NirError("le premier chiffre ne correspond pas au sexe")
    if birth_date is not None:
        if int(nir[1:3]) != birth_date.year % 100:
            raise NirError("l'année de naissance ne correspond pas à la date de naissance")
        month = int(nir[3:5])
        if 1 <= month <= 12 and month != birth_date.month:
            raise NirError("le mois de naissance ne correspond pas à la date de naissance")
        if month == 0 or 13 <= month <= 19 or 43 <= month <= 49:
            raise NirError("le mois de naissance est impossible")


def make_nir(sex: int, birth_date: date, department: str, commune: int, order: int) -> str:
    """Builds a valid NIR (used by the synthetic population generator and tests)."""
    born = f"{birth_date.year % 100:02d}{birth_date.month:02d}"
    first_13 = f"{sex}{born}{department}{commune:03d}{order:03d}"
    return f"{first_13}{control_key(first_13):02d}"
