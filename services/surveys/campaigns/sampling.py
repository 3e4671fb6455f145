"""Who is surveyed: a deterministic draw, so running it twice on the same contacts draws the
same people, and a minimum per caisse so that every target of an action is analysed."""

import hashlib
from dataclasses import dataclass
from enum import StrEnum


class DrawReason(StrEnum):
    SAMPLED = "sampled"
    MINIMUM = "minimum"  # drawn to reach the caisse's minimum
    STAFF = "staff"  # issued by a staff member for a completed contact


@dataclass(frozen=True)
class SamplingRule:
    """A share of the contacts, or a number per caisse; never fewer than the minimum."""

    share: float | None
    count: int | None
    minimum_per_caisse: int


def in_share(person_id: int, campaign_id: int, share: float) -> bool:
    """Whether the person falls in the campaign's share: a hash of both, read as a number
    uniformly spread in [0, 1), is below the share."""
    digest = hashlib.sha256(f"{campaign_id}:{person_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def draw(
    rule: SamplingRule, campaign_id: int, person_id: int, drawn_in_caisse: int
) -> DrawReason | None:
    """Whether a person whose contact just completed is surveyed, and why; ``drawn_in_caisse``
    counts the people of the same caisse already drawn for the campaign."""
    if rule.share is not None and in_share(person_id, campaign_id, rule.share):
        return DrawReason.SAMPLED
    if rule.count is not None and drawn_in_caisse < rule.count:
        return DrawReason.SAMPLED
    if drawn_in_caisse < rule.minimum_per_caisse:
        return DrawReason.MINIMUM
    return None
