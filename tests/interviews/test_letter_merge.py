"""Conditional blocks keep optional merge fields from leaving broken sentences; titles are
resolved once the campaign's own fields are known."""

import pytest

from services.interviews.letters.merge import check_fields, empty_fields, merge, merge_known
from services.interviews.letters.seed import INTERVIEW_PROPOSAL
from services.shared.errors import Unprocessable

SENTENCE = "Appelez le ${campaign.contact_phone}[[ avant le ${campaign.reply_by}]]."


def test_a_block_with_every_field_given_is_printed_without_its_brackets() -> None:
    values = {"campaign.contact_phone": "04 76 00 00 00", "campaign.reply_by": "1er mars 2012"}
    assert merge(SENTENCE, values) == "Appelez le 04 76 00 00 00 avant le 1er mars 2012."


def test_a_block_with_an_empty_field_disappears_whole() -> None:
    values = {"campaign.contact_phone": "04 76 00 00 00", "campaign.reply_by": ""}
    assert merge(SENTENCE, values) == "Appelez le 04 76 00 00 00."


def test_the_national_proposal_has_no_hole_without_a_reply_date() -> None:
    values = {
        "person.civility": "Madame",
        "person.last_name": "DUPONT",
        "caisse.name": "RSI Alpes",
        "campaign.contact_phone": "04 76 00 00 00",
        "campaign.reply_by": "",
    }
    letter = merge(INTERVIEW_PROPOSAL.body, values)
    assert "appelez le 04 76 00 00 00. Munissez-vous" in letter
    assert "avant le" not in letter and "[[" not in letter


def test_titles_resolve_the_campaign_fields_and_keep_the_persons() -> None:
    subject = "Entretien — ${action.title} pour ${person.last_name}"
    assert merge_known(subject, {"action.title": "Entretiens EIG"}) == (
        "Entretien — Entretiens EIG pour ${person.last_name}"
    )


def test_a_preview_names_the_fields_that_would_print_empty_outside_blocks() -> None:
    text = "${person.first_name} ${person.last_name}[[, ${person.city}]]"
    values = {"person.first_name": "", "person.last_name": "DUPONT", "person.city": ""}
    assert empty_fields(text, values) == ["person.first_name"]


@pytest.mark.parametrize(
    "text", ["Appelez [[le ${campaign.contact_phone}", "a ]] b", "[[a [[b]] c]]"]
)
def test_unbalanced_or_nested_blocks_are_refused(text: str) -> None:
    with pytest.raises(Unprocessable) as refused:
        check_fields(text, "body")
    assert refused.value.code == "letter.unbalanced_block"


def test_a_dropped_block_before_a_full_stop_takes_its_space_along() -> None:
    text = "Appelez le ${campaign.contact_phone} [[avant le ${campaign.reply_by}]]. Merci."
    values = {"campaign.contact_phone": "04 76 00 00 00", "campaign.reply_by": ""}
    assert merge(text, values) == "Appelez le 04 76 00 00 00. Merci."
