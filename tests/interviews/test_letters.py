"""Letter templates, invitation campaigns rendered to PDF, their tracking, letter contacts."""

import io
import zipfile
from datetime import date
from typing import Any

import httpx
import pypdf
import pytest
import segno
from fastapi import FastAPI
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.interviews.contacts.models import Contact
from services.interviews.invitations.models import Campaign, Invitation
from services.interviews.invitations.tracking import mark_invitations_booked
from services.interviews.letters import pdf
from services.shared.audit import AuditEvent
from services.shared.local_time import LOCAL_TIME
from services.shared.settings import Settings
from tests.conftest import RunJobs
from tests.factories import TokenFactory
from tests.interviews.conftest import counselor, held_interview_slot, manager, materialise

TEMPLATE = {
    "name": "Proposition EIG",
    "subject": "Votre entretien — ${action.title}",
    "body": "${person.civility} ${person.last_name},\n\nAppelez le ${campaign.contact_phone} "
    "avant le ${campaign.reply_by}.\n\n${caisse.name}",
}


def pdf_pages(content: bytes) -> list[str]:
    assert content.startswith(b"%PDF")
    return [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages]


async def test_templates_refuse_unknown_merge_fields_naming_them(
    interviews_client: httpx.AsyncClient, tokens: TokenFactory, alpes: dict[str, Any]
) -> None:
    headers = manager(tokens)
    unknown = await interviews_client.post(
        "/letter-templates",
        json={**TEMPLATE, "body": "Bonjour ${person.shoe_size} ${person.last_name}"},
        headers=headers,
    )
    assert unknown.status_code == 422
    assert "person.shoe_size" in unknown.json()["detail"]
    assert unknown.json()["errors"][0]["field"] == "body"
    stray = await interviews_client.post(
        "/letter-templates", json={**TEMPLATE, "subject": "Coût : 5 $ par mois"}, headers=headers
    )
    assert stray.status_code == 422 and stray.json()["errors"][0]["field"] == "subject"
    created = await interviews_client.post("/letter-templates", json=TEMPLATE, headers=headers)
    assert created.status_code == 201 and created.json()["caisse_code"] == "ALPES"
    national = await interviews_client.post(
        "/letter-templates", json={**TEMPLATE, "national": True}, headers=headers
    )
    assert national.status_code == 403
    # Another caisse sees the national templates, not ALPES's own.
    other = await interviews_client.get("/letter-templates", headers=manager(tokens, "BRETAGNE"))
    assert created.json()["id"] not in {t["id"] for t in other.json()}
    assert len(other.json()) == 2


async def _campaign(
    client: httpx.AsyncClient, run_jobs: RunJobs, headers: dict[str, str], body: dict[str, Any]
) -> dict[str, Any]:
    started = await client.post(
        "/campaigns", json={"capacity_check": "warn", **body}, headers=headers
    )
    assert started.status_code == 202, started.text
    await run_jobs()
    read = await client.get(f"/campaigns/{started.json()['id']}", headers=headers)
    return dict(read.json())


async def test_a_campaign_writes_one_letter_per_person_and_tracks_answers(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = manager(tokens)
    target_list = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["EIG"])
    assert target_list["size"] == 3
    template = (
        await interviews_client.post("/letter-templates", json=TEMPLATE, headers=headers)
    ).json()
    campaign = await _campaign(
        interviews_client,
        run_jobs,
        headers,
        {
            "target_list_id": target_list["id"],
            "template_id": template["id"],
            "contact_phone": "04 79 00 00 00",
            "reply_by": "2026-12-31",
        },
    )
    assert campaign["job"]["status"] == "succeeded" and campaign["job"]["percent"] == 100
    assert "${" not in campaign["subject"]  # the action's title resolved for the lists
    # No counselor receives in this caisse: the campaign went out with a warning.
    assert campaign["capacity_warning"]["free_slots"] == 0
    # The person without a postal address gets no letter.
    assert campaign["letters"] == 2 and campaign["job"]["result"]["without_address"] == 1
    assert {k: v for k, v in campaign["counts"].items() if v} == {"sent": 2}

    batch = await interviews_client.get(f"/campaigns/{campaign['id']}/letters.pdf", headers=headers)
    assert batch.headers["content-type"] == "application/pdf"
    pages = pdf_pages(batch.content)
    assert len(pages) == 2
    invitations = (
        await interviews_client.get(f"/campaigns/{campaign['id']}/invitations", headers=headers)
    ).json()
    by_person = {i["person_id"]: i for i in invitations}
    arnaud = by_person[alpes["people"]["Arnaud"]]
    bernard = by_person[alpes["people"]["Bernard"]]
    arnaud_page = pages[invitations.index(arnaud)]
    assert "Madame Anne ARNAUD" in arnaud_page and "Madame Arnaud," in arnaud_page
    assert "04 79 00 00 00" in arnaud_page and "31/12/2026" in arnaud_page
    assert "Monsieur Bernard," in pages[invitations.index(bernard)]
    assert "Entretien" in arnaud_page  # the action's title merged in the subject

    one = await interviews_client.get(f"/invitations/{bernard['id']}/letter.pdf", headers=headers)
    assert pdf_pages(one.content)[0] == pages[invitations.index(bernard)]  # reprinted identically

    # Bernard declines; Arnaud books an interview, which answers her invitation.
    declined = await interviews_client.patch(
        f"/invitations/{bernard['id']}", json={"status": "declined"}, headers=headers
    )
    assert declined.json()["status"] == "declined"
    interview = await held_interview_slot(
        session, alpes["people"]["Arnaud"], alpes["actions"]["EIG"]
    )
    await mark_invitations_booked(
        session, alpes["people"]["Arnaud"], alpes["actions"]["EIG"], interview
    )
    booked = await session.get(Invitation, arnaud["id"])
    assert booked is not None
    await session.refresh(booked)
    assert booked.status == "booked"
    by_hand = await interviews_client.patch(
        f"/invitations/{arnaud['id']}", json={"status": "returned"}, headers=headers
    )
    assert by_hand.status_code == 409

    # Nobody is left to remind.
    reminders = await interviews_client.post(
        f"/campaigns/{campaign['id']}/reminders", headers=headers
    )
    assert reminders.status_code == 409

    # Another caisse sees none of it; the downloads are audited.
    other = manager(tokens, "BRETAGNE")
    for path in (
        f"/campaigns/{campaign['id']}",
        f"/campaigns/{campaign['id']}/letters.pdf",
        f"/invitations/{arnaud['id']}/letter.pdf",
    ):
        assert (await interviews_client.get(path, headers=other)).status_code == 404
    audited = await session.scalars(
        select(AuditEvent.resource_type).where(AuditEvent.service == "interviews")
    )
    assert {"letter_batch", "invitations", "invitation_letter"} <= set(audited)


async def test_reminders_go_to_those_who_have_not_answered(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = counselor(tokens)
    target_list = await materialise(
        targeting_client, run_jobs, manager(tokens), alpes["actions"]["EIG"]
    )
    templates = (await interviews_client.get("/letter-templates", headers=headers)).json()
    proposal = next(t for t in templates if t["name"].startswith("Proposition"))
    campaign = await _campaign(
        interviews_client,
        run_jobs,
        headers,
        {
            "target_list_id": target_list["id"],
            "template_id": proposal["id"],
            "contact_phone": "3648",
            "reply_by": "2026-01-15",
        },
    )
    invitations = (
        await interviews_client.get(f"/campaigns/{campaign['id']}/invitations", headers=headers)
    ).json()
    arnaud = next(i for i in invitations if i["person_id"] == alpes["people"]["Arnaud"])
    await interviews_client.patch(
        f"/invitations/{arnaud['id']}", json={"status": "returned"}, headers=headers
    )
    started = await interviews_client.post(
        f"/campaigns/{campaign['id']}/reminders", headers=headers
    )
    assert started.status_code == 202 and started.json()["total"] == 1
    await run_jobs()
    reminders = await interviews_client.get(
        f"/campaigns/{campaign['id']}/reminders.pdf", headers=headers
    )
    [page] = pdf_pages(reminders.content)
    assert "Relance" in page and "BERNARD" in page
    listed = (
        await interviews_client.get(f"/campaigns/{campaign['id']}/invitations", headers=headers)
    ).json()
    assert {i["name"]: i["reminders"] for i in listed} == {
        "Madame Anne ARNAUD": 0,
        "Monsieur Jean BERNARD": 1,
    }

    # The reply date has passed: closing records the silence.
    closed = await interviews_client.post(f"/campaigns/{campaign['id']}/close", headers=headers)
    assert closed.json()["counts"]["no_answer"] == 1 and closed.json()["counts"]["returned"] == 1


async def test_a_template_with_meeting_fields_cannot_mail_an_interview_proposal(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = manager(tokens)
    target_list = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["EIG"])
    templates = (await interviews_client.get("/letter-templates", headers=headers)).json()
    invitation = next(t for t in templates if t["name"].startswith("Invitation"))
    response = await interviews_client.post(
        "/campaigns",
        json={
            "target_list_id": target_list["id"],
            "template_id": invitation["id"],
            "contact_phone": "3648",
        },
        headers=headers,
    )
    assert response.status_code == 422
    assert "meeting.title" in response.json()["detail"]
    # Refused before anything was produced.
    assert await session.scalar(select(func.count()).select_from(Campaign)) == 0


async def test_letter_contacts_are_recorded_once_per_person(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = manager(tokens)
    creators = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["CREATEURS"])
    assert creators["size"] == 1
    body = {"target_list_id": creators["id"], "sent_on": "2011-04-01"}
    for expected in (1, 0):
        started = await interviews_client.post("/letter-contacts", json=body, headers=headers)
        assert started.status_code == 202, started.text
        await run_jobs()
        job = await interviews_client.get(f"/jobs/{started.json()['job']['id']}", headers=headers)
        assert job.json()["result"] == {"recorded": expected}
    [contact] = (await session.scalars(select(Contact))).all()
    assert (contact.kind, contact.person_id, contact.occurred_at.astimezone(LOCAL_TIME).date()) == (
        "letter",
        alpes["people"]["Createur"],
        date(2011, 4, 1),
    )
    eig = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["EIG"])
    refused = await interviews_client.post(
        "/letter-contacts", json={**body, "target_list_id": eig["id"]}, headers=headers
    )
    assert refused.status_code == 422


async def test_a_meeting_invitation_merges_the_meetings_date_and_place(
    interviews_client: httpx.AsyncClient,
    interviews_app: FastAPI,
    targeting_client: httpx.AsyncClient,
    targeting_app: FastAPI,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = counselor(tokens)
    action = alpes["actions"]["RENCONTRE_AE"]
    meeting = await interviews_client.post(
        "/meetings",
        json={
            "action_id": action,
            "kind": "auto_entrepreneurs",
            "title": "Bien démarrer",
            "place": "CCI de Chambéry",
            "starts_at": "2030-03-05T18:30:00+01:00",
            "ends_at": "2030-03-05T20:00:00+01:00",
            "capacity": 40,
        },
        headers=headers,
    )
    assert meeting.status_code == 201, meeting.text
    target_list = await materialise(targeting_client, run_jobs, manager(tokens), action)
    templates = (await interviews_client.get("/letter-templates", headers=headers)).json()
    invitation = next(t for t in templates if t["name"].startswith("Invitation"))
    body = {
        "target_list_id": target_list["id"],
        "template_id": invitation["id"],
        "purpose": "meeting",
        "contact_phone": "3648",
    }
    missing = await interviews_client.post("/campaigns", json=body, headers=headers)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "meeting_id"
    campaign = await _campaign(
        interviews_client, run_jobs, headers, {**body, "meeting_id": meeting.json()["id"]}
    )
    assert campaign["purpose"] == "meeting" and campaign["letters"] >= 1
    batch = await interviews_client.get(f"/campaigns/{campaign['id']}/letters.pdf", headers=headers)
    first = pdf_pages(batch.content)[0]
    assert "05/03/2030" in first and "18 h 30" in first and "CCI de Chambéry" in first
    # Invitations to a meeting are counted as invited for the action.
    stats = await interviews_client.get("/stats", params={"action_id": action}, headers=headers)
    assert stats.json()["items"][0]["invited"] == campaign["letters"]
    assert stats.json()["items"][0]["funnel"] == {"sent": campaign["letters"]}


def test_the_letters_qr_code_carries_the_personal_link() -> None:
    """The image on the page is the QR code of the link (the same modules segno encodes)."""
    link = "http://127.0.0.1:8080/rendez-vous/abcDEF123_-xyz"
    letter = pdf.Letter("RSI Alpes", ("M. X",), "Le 1/1/2026", "Objet", "Corps", link=link)
    page = pypdf.PdfReader(io.BytesIO(pdf.render_one(letter, "t"))).pages[0]
    [image] = page.images
    assert image.image is not None
    pixels = image.image.convert("1")
    expected = segno.make_qr(link, error="m", mask=pdf.QR_MASK, boost_error=False).matrix
    step, border = pdf.QR_PIXELS_PER_MODULE, pdf.QR_QUIET_ZONE
    drawn = [
        [
            pixels.getpixel(((border + x) * step + 1, (border + y) * step + 1)) == 0
            for x in range(len(expected))
        ]
        for y in range(len(expected))
    ]
    assert drawn == [[bool(module) for module in row] for row in expected]
    assert "abcDEF123_-xyz" in page.extract_text()


async def test_a_preview_shows_the_first_letter_and_warns_of_empty_fields_writing_nothing(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    session: AsyncSession,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
) -> None:
    headers = manager(tokens)
    target_list = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["EIG"])
    guarded = {**TEMPLATE, "body": TEMPLATE["body"].replace(
        "avant le ${campaign.reply_by}.", "[[avant le ${campaign.reply_by}]]."
    )}  # fmt: skip
    bare, blocked = [
        (await interviews_client.post("/letter-templates", json=t, headers=headers)).json()
        for t in (TEMPLATE, guarded)
    ]
    request = {
        "target_list_id": target_list["id"],
        "template_id": bare["id"],
        "contact_phone": "04 79 00 00 00",
    }  # no reply date

    preview = await interviews_client.post("/campaigns/preview", json=request, headers=headers)
    assert preview.status_code == 200, preview.text
    letter = preview.json()
    assert letter["subject"].startswith("Votre entretien — ") and "${" not in letter["subject"]
    assert "Appelez le 04 79 00 00 00 avant le ." in letter["body"]  # what would be printed
    assert letter["empty_fields"] == [
        {"name": "campaign.reply_by", "label": "Date limite de réponse"}
    ]
    assert len(letter["recipient"]) == 3

    fixed = await interviews_client.post(
        "/campaigns/preview", json={**request, "template_id": blocked["id"]}, headers=headers
    )
    assert fixed.json()["empty_fields"] == []
    assert "Appelez le 04 79 00 00 00 ." not in fixed.json()["body"]
    campaigns = await interviews_client.get("/campaigns", headers=headers)
    assert campaigns.json() == []  # a preview starts nothing


async def test_a_large_campaign_is_written_in_volumes_also_offered_together(
    interviews_client: httpx.AsyncClient,
    targeting_client: httpx.AsyncClient,
    tokens: TokenFactory,
    alpes: dict[str, Any],
    run_jobs: RunJobs,
    settings: Settings,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(settings, "letters_per_volume", 1)  # two letters: two volumes
    headers = manager(tokens)
    target_list = await materialise(targeting_client, run_jobs, headers, alpes["actions"]["EIG"])
    template = (
        await interviews_client.post("/letter-templates", json=TEMPLATE, headers=headers)
    ).json()
    campaign = await _campaign(
        interviews_client,
        run_jobs,
        headers,
        {
            "target_list_id": target_list["id"],
            "template_id": template["id"],
            "contact_phone": "04 79 00 00 00",
            "reply_by": "2026-12-31",
        },
    )
    assert campaign["job"]["status"] == "succeeded", campaign["job"]
    assert (campaign["letters"], campaign["volumes"]) == (2, 2)
    letters = f"/campaigns/{campaign['id']}/letters"

    whole = await interviews_client.get(f"{letters}.pdf", headers=headers)
    assert whole.status_code == 409 and whole.json()["errors"][0]["field"] == "volume"
    beyond = await interviews_client.get(f"{letters}.pdf?volume=3", headers=headers)
    assert beyond.status_code == 404
    volumes = [
        (await interviews_client.get(f"{letters}.pdf?volume={n}", headers=headers)).content
        for n in (1, 2)
    ]
    pages = [page for volume in volumes for page in pdf_pages(volume)]
    invitations = (
        await interviews_client.get(f"/campaigns/{campaign['id']}/invitations", headers=headers)
    ).json()
    # Every letter once, in the list's order, each as it is reprinted alone.
    assert len(pages) == len(invitations) == 2
    for page, invitation in zip(pages, invitations, strict=True):
        one = await interviews_client.get(
            f"/invitations/{invitation['id']}/letter.pdf", headers=headers
        )
        assert pdf_pages(one.content) == [page]

    zipped = await interviews_client.get(f"{letters}.zip", headers=headers)
    assert zipped.status_code == 200 and zipped.headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(zipped.content))
    assert archive.testzip() is None
    assert [archive.read(name) for name in archive.namelist()] == volumes
