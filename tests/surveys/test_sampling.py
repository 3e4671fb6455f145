"""The draw's rule, on its own: deterministic, a share or a number, and the caisse minimum."""

from services.surveys.campaigns.sampling import DrawReason, SamplingRule, draw, in_share


def test_the_share_is_deterministic_and_close_to_the_share_asked() -> None:
    drawn = [p for p in range(10_000) if in_share(p, campaign_id=7, share=0.2)]
    assert drawn == [p for p in range(10_000) if in_share(p, campaign_id=7, share=0.2)]
    assert 1850 <= len(drawn) <= 2150
    assert all(in_share(p, 7, 1.0) for p in range(100))
    # Another campaign draws other people.
    assert drawn != [p for p in range(10_000) if in_share(p, campaign_id=8, share=0.2)]


def test_the_minimum_per_caisse_forces_draws_until_reached() -> None:
    rule = SamplingRule(share=0.01, count=None, minimum_per_caisse=3)
    outside = [p for p in range(1000) if not in_share(p, 1, 0.01)][:5]
    reasons = []
    drawn = 0
    for person in outside:
        reason = draw(rule, 1, person, drawn)
        reasons.append(reason)
        drawn += reason is not None
    assert reasons == [DrawReason.MINIMUM] * 3 + [None, None]


def test_a_number_per_caisse_draws_the_first_contacts_then_stops() -> None:
    rule = SamplingRule(share=None, count=2, minimum_per_caisse=0)
    assert [draw(rule, 1, person, drawn) for person, drawn in [(10, 0), (11, 1), (12, 2)]] == [
        DrawReason.SAMPLED,
        DrawReason.SAMPLED,
        None,
    ]
    # A minimum above the number wins.
    assert draw(SamplingRule(None, 2, 4), 1, 13, 3) is DrawReason.MINIMUM
    assert draw(SamplingRule(None, 2, 4), 1, 13, 4) is None


def test_people_in_the_share_are_drawn_whatever_the_count() -> None:
    inside = next(p for p in range(1000) if in_share(p, 1, 0.5))
    assert draw(SamplingRule(0.5, None, 0), 1, inside, drawn_in_caisse=500) is DrawReason.SAMPLED
