"""The bilan's figures, from the ``/stats`` endpoints of targeting, interviews and surveys.

A peer that is down does not sink the report: its figure group is listed in ``missing`` and
its figures are null. The year's actions come from targeting (interviews and surveys know
action ids, not years), so without targeting every group is missing.
"""

import asyncio
import logging
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

from services.reporting.bilans.schemas import (
    ActionFigures,
    ChannelFigures,
    FigureGroup,
    Satisfaction,
    Totals,
)
from services.reporting.deps import Peers
from services.reporting.gateways import CaisseFigures, ContactStats, SurveyStats, TargetStats
from services.shared.auth import Principal
from services.shared.errors import ServiceUnavailable
from services.shared.peers import PeerError

logger = logging.getLogger(__name__)
Item = TypeVar("Item", bound=CaisseFigures)


@dataclass
class PeerStats:
    """The three services' stats items for one year, ``None`` where a service was down."""

    targeting: list[TargetStats] | None
    interviews: list[ContactStats] | None
    surveys: list[SurveyStats] | None

    @property
    def missing(self) -> list[FigureGroup]:
        if self.targeting is None:
            return ["targets", "contacts", "satisfaction"]
        groups: list[FigureGroup] = []
        if self.interviews is None:
            groups.append("contacts")
        if self.surveys is None:
            groups.append("satisfaction")
        return groups

    def for_caisse(self, caisse_code: str) -> "PeerStats":
        def only(items: list[Item] | None) -> list[Item] | None:
            return None if items is None else [i for i in items if i.caisse_code == caisse_code]

        return PeerStats(only(self.targeting), only(self.interviews), only(self.surveys))


async def _items(call: Awaitable[list[Item]], peer: str) -> list[Item] | None:
    try:
        return await call
    except ServiceUnavailable:
        return None
    except PeerError as exc:
        # The caisse was checked by targeting first: a 404 here is a peer without /stats yet;
        # a 403 a caller (machine client) without the peer's `stats:read` scope.
        if exc.status not in (403, 404):
            raise
        logger.warning("peer %s answered %s for its stats", peer, exc.status)
        return None


async def fetch_stats(
    peers: Peers, principal: Principal, year: int, caisse_code: str | None
) -> PeerStats:
    """Asks the three services at once; the caller's token is forwarded, so their scoping
    applies too (a foreign caisse is a 404 at targeting, hence here)."""
    try:
        targeting = await peers.targeting.stats(principal, year, caisse_code)
    except ServiceUnavailable:
        return PeerStats(None, None, None)
    except PeerError as exc:
        if exc.status != 403:
            raise
        return PeerStats(None, None, None)
    action_ids = sorted({item.action_id for item in targeting})
    if not action_ids:
        return PeerStats(targeting, [], [])
    interviews, surveys = await asyncio.gather(
        _items(peers.interviews.stats(principal, action_ids, caisse_code), "interviews"),
        _items(peers.surveys.stats(principal, action_ids, caisse_code), "surveys"),
    )
    return PeerStats(targeting, interviews, surveys)


def _rate(numerator: int | None, denominator: int | None) -> float | None:
    if numerator is None or not denominator:
        return None
    return numerator / denominator


class Answers(Protocol):
    """Survey results to combine: surveys' stats items, or satisfaction figures already
    combined (a frozen bilan's)."""

    @property
    def links_issued(self) -> int: ...
    @property
    def responses(self) -> int: ...
    @property
    def overall_satisfaction_mean(self) -> float | None: ...
    @property
    def satisfied_share(self) -> float | None: ...


def combined_satisfaction(results: Iterable[Answers]) -> Satisfaction | None:
    """Several actions' (or caisses') results together: counts add up, means and shares are
    weighted by responses."""
    items = list(results)
    if not items:
        return None
    links = sum(i.links_issued for i in items)
    responses = sum(i.responses for i in items)

    def weighted(value: Callable[[Answers], float | None]) -> float | None:
        answered = [(v, i.responses) for i in items if (v := value(i)) is not None]
        weight = sum(w for _, w in answered)
        return sum(v * w for v, w in answered) / weight if weight else None

    return Satisfaction(
        links_issued=links,
        responses=responses,
        response_rate=_rate(responses, links),
        overall_satisfaction_mean=weighted(lambda i: i.overall_satisfaction_mean),
        satisfied_share=weighted(lambda i: i.satisfied_share),
    )


@dataclass
class _Contacts:
    invited: int = 0
    channels: dict[str, ChannelFigures] = field(default_factory=dict)
    meetings_held: int = 0
    meeting_registrations: int = 0
    meeting_attendance: int = 0
    letters_sent: int = 0

    def add(self, item: ContactStats) -> None:
        self.invited += item.invited
        for c in item.channels:
            known = self.channels.setdefault(
                c.channel,
                ChannelFigures(channel=c.channel, booked=0, held=0, no_show=0, cancelled=0),
            )
            known.booked += c.booked
            known.held += c.held
            known.no_show += c.no_show
            known.cancelled += c.cancelled
        self.meetings_held += item.meetings_held
        self.meeting_registrations += item.meeting_registrations
        self.meeting_attendance += item.meeting_attendance
        self.letters_sent += item.letters_sent


def _realised(contact_type: str, held: int | None, contacts: _Contacts | None) -> int | None:
    if contacts is None:
        return None
    if contact_type == "individual_interview":
        return held
    if contact_type == "collective_meeting":
        return contacts.meeting_attendance
    return contacts.letters_sent


def action_figures(stats: PeerStats) -> list[ActionFigures]:
    """One row per action of the year, summed over the caisses the stats cover (one caisse for
    a regional bilan, several for a national consolidation)."""
    if stats.targeting is None:
        return []
    targets: dict[int, list[TargetStats]] = defaultdict(list)
    for target in stats.targeting:
        targets[target.action_id].append(target)
    contacts: dict[int, _Contacts] = defaultdict(_Contacts)
    for contact in stats.interviews or []:
        if contact.action_id in targets:
            contacts[contact.action_id].add(contact)
    answers: dict[int, list[SurveyStats]] = defaultdict(list)
    for answer in stats.surveys or []:
        if answer.action_id in targets:
            answers[answer.action_id].append(answer)
    rows = []
    for action_id, items in targets.items():
        first = items[0]
        targeted = sum(i.targeted for i in items)
        action_contacts = None if stats.interviews is None else contacts[action_id]
        channels = (
            None
            if action_contacts is None
            else sorted(action_contacts.channels.values(), key=lambda c: c.channel)
        )
        held = None if channels is None else sum(c.held for c in channels)
        realised = _realised(first.contact_type, held, action_contacts)
        rows.append(
            ActionFigures(
                action_id=action_id,
                action_code=first.action_code,
                title=first.title,
                contact_type=first.contact_type,
                national=first.national,
                targeted=targeted,
                listed=sum(i.listed for i in items),
                invited=None if action_contacts is None else action_contacts.invited,
                channels=channels,
                booked=None if channels is None else sum(c.booked for c in channels),
                held=held,
                no_show=None if channels is None else sum(c.no_show for c in channels),
                meetings_held=None if action_contacts is None else action_contacts.meetings_held,
                meeting_registrations=(
                    None if action_contacts is None else action_contacts.meeting_registrations
                ),
                meeting_attendance=(
                    None if action_contacts is None else action_contacts.meeting_attendance
                ),
                letters_sent=None if action_contacts is None else action_contacts.letters_sent,
                realised=realised,
                realisation_rate=_rate(realised, targeted),
                satisfaction=None
                if stats.surveys is None
                else combined_satisfaction(answers[action_id]),
            )
        )
    return sorted(rows, key=lambda r: (not r.national, r.action_code))


def totals(actions: list[ActionFigures], stats: PeerStats) -> Totals:
    def total(key: str) -> int | None:
        if stats.targeting is None:
            return None
        values = [getattr(a, key) for a in actions]
        return None if any(v is None for v in values) else sum(values)

    satisfaction = None
    if stats.surveys is not None and stats.targeting is not None:
        year_actions = {a.action_id for a in actions}
        satisfaction = combined_satisfaction(
            i for i in stats.surveys if i.action_id in year_actions
        )
    realised, targeted = total("realised"), total("targeted")
    return Totals(
        targeted=targeted,
        invited=total("invited"),
        booked=total("booked"),
        held=total("held"),
        no_show=total("no_show"),
        meetings_held=total("meetings_held"),
        meeting_attendance=total("meeting_attendance"),
        letters_sent=total("letters_sent"),
        realised=realised,
        realisation_rate=_rate(realised, targeted),
        satisfaction=satisfaction,
    )
