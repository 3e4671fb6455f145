"""The time zone the platform's people read times in (appointments, deadlines, link expiry)."""

from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Europe/Paris")
