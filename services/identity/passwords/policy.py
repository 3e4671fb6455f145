"""The password policy, after ANSSI's recommendations on passwords and CNIL's délibération
2022-100: at least 12 characters, none of the commonly used passwords, not built on the
account's own name. No composition rule (classes of characters): length and a blocklist
resist guessing better, and people remember them.

The blocklist is Django's ``common-passwords.txt.gz`` (BSD licence): the 20,000 most common
passwords of public leaks, lower-cased, compiled by Royce Williams."""

import gzip
from functools import cache
from pathlib import Path

from services.shared.errors import FieldError, Unprocessable

MIN_LENGTH = 12
MAX_LENGTH = 200  # what the login accepts
MIN_DISTINCT_CHARACTERS = 5
COMMON_PASSWORDS_FILE = Path(__file__).with_name("common-passwords.txt.gz")


@cache
def common_passwords() -> frozenset[str]:
    with gzip.open(COMMON_PASSWORDS_FILE, "rt", encoding="utf-8") as lines:
        return frozenset(line.strip() for line in lines if line.strip())


def password_weakness(password: str, username: str = "", full_name: str = "") -> str | None:
    """Why ``password`` is refused, in French; None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return (
            f"Le mot de passe doit comporter au moins {MIN_LENGTH} caractères "
            f"(il en a {len(password)})."
        )
    if len(password) > MAX_LENGTH:
        return f"Le mot de passe ne peut dépasser {MAX_LENGTH} caractères."
    lowered = password.lower()
    if lowered in common_passwords():
        return (
            "Ce mot de passe figure parmi les mots de passe les plus courants : "
            "choisissez-en un autre."
        )
    if len(set(lowered)) < MIN_DISTINCT_CHARACTERS:
        return (
            f"Le mot de passe doit comporter au moins {MIN_DISTINCT_CHARACTERS} "
            "caractères différents."
        )
    names = [username, *full_name.split()]
    if any(len(name) >= 3 and name.lower() in lowered for name in names):
        return "Le mot de passe ne doit contenir ni votre identifiant ni votre nom."
    return None


class WeakPassword(Unprocessable):
    code = "weak_password"

    def __init__(self, reason: str, field: str) -> None:
        super().__init__(
            reason,
            errors=[FieldError(field=field, location="body", message=reason)],
        )


def check_password(password: str, username: str, full_name: str, field: str = "password") -> None:
    """Raises a 422 naming ``field`` and saying why, when the policy refuses ``password``."""
    reason = password_weakness(password, username, full_name)
    if reason is not None:
        raise WeakPassword(reason, field)
