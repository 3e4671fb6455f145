"""French wording of counts, days and times, the way a French sentence writes them."""

from datetime import date, datetime

from services.shared.local_time import LOCAL_TIME

_MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    """ "0 jour", "1 réponse", "2 réponses": French takes the singular for 0 and 1."""
    word = singular if abs(count) < 2 else (plural_form or f"{singular}s")
    return f"{count} {word}"


def french_day(day: date) -> str:
    """ "1er janvier 2027", "2 janvier 2027"."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[day.month - 1]} {day.year}"


def french_time(moment: datetime) -> str:
    """ "9 h 30", "14 h" in Paris time (24-hour clock)."""
    local = moment.astimezone(LOCAL_TIME)
    return f"{local.hour} h {local.minute:02d}" if local.minute else f"{local.hour} h"
