"""The time zone the platform's people read times in (appointments, deadlines, link expiry)."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Paris")

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


def french_day(day: date) -> str:
    """ "1er janvier 2027", "2 janvier 2027": a day as a French sentence writes it."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number} {_MONTHS[day.month - 1]} {day.year}"


def french_time(moment: datetime) -> str:
    """ "9 h 30", "14 h" in Paris time (24-hour clock)."""
    local = moment.astimezone(LOCAL_TIME)
    return f"{local.hour} h {local.minute:02d}" if local.minute else f"{local.hour} h"
