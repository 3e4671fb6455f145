"""The national kit: versioned documents published by the national office, attached to the
socle's actions as their tools, downloaded by every caisse, adapted locally where allowed."""

import gzip
import io
import zipfile
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from services.shared.auth import Role
from services.targeting.kit.service import MAX_FILE_BYTES
from services.targeting.policy.seed import seed_socle_2011
from tests.factories import TokenFactory, create_caisses

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def odp() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.presentation")
        archive.writestr("content.xml", "<office/>")
    return buffer.getvalue()


@pytest.fixture(autouse=True)
async def socle(session: AsyncSession) -> None:
    await create_caisses(session)
    await seed_socle_2011(session)


@pytest.fixture
def national(tokens: TokenFactory) -> dict[str, str]:
    return tokens.headers(Role.NATIONAL)


async def _document(
    client: httpx.AsyncClient, headers: dict[str, str], **fields: Any
) -> dict[str, Any]:
    body = {"code": "TRAME_EIG", "title": "Trame d'entretien EIG", "category": "interview_guide"}
    created = await client.post("/kit/documents", json={**body, **fields}, headers=headers)
    assert created.status_code == 201, created.text
    return dict(created.json())


async def _publish(
    client: httpx.AsyncClient,
    headers: dict[str, str],
    document_id: int,
    name: str,
    content: bytes,
    changes: str = "Première version",
) -> httpx.Response:
    return await client.post(
        f"/kit/documents/{document_id}/versions",
        files={"file": (name, content, "application/octet-stream")},
        data={"changes": changes},
        headers=headers,
    )


async def test_versions_are_published_kept_and_downloadable_by_every_caisse(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, national: dict[str, str]
) -> None:
    document = await _document(targeting_client, national)
    assert document["current"] is None and document["action_ids"] == []
    first = await _publish(targeting_client, national, document["id"], "trame.pdf", PDF)
    assert first.status_code == 201, first.text
    assert first.json()["version"] == 1 and first.json()["media_type"] == "application/pdf"
    word = docx()
    second = await _publish(
        targeting_client, national, document["id"], "trame.docx", word, "Ajout de la retraite"
    )
    assert second.json()["version"] == 2, second.text

    counselor = tokens.headers(Role.COUNSELOR, "ALPES")
    detail = (
        await targeting_client.get(f"/kit/documents/{document['id']}", headers=counselor)
    ).json()
    assert (
        detail["current"]["version"] == 2 and detail["current"]["changes"] == "Ajout de la retraite"
    )
    assert [v["version"] for v in detail["versions"]] == [2, 1]
    old = await targeting_client.get(
        f"/kit/documents/{document['id']}/versions/1/file", headers=counselor
    )
    assert old.status_code == 200 and old.content == PDF
    assert old.headers["content-type"] == "application/pdf"
    assert 'filename="trame.pdf"' in old.headers["content-disposition"]
    new = await targeting_client.get(
        f"/kit/documents/{document['id']}/versions/2/file", headers=counselor
    )
    assert new.content == word

    since = (datetime.now(UTC) - timedelta(minutes=5)).isoformat()
    news = await targeting_client.get("/kit/news", params={"since": since}, headers=counselor)
    assert [(n["code"], n["version"]) for n in news.json()] == [("TRAME_EIG", 2), ("TRAME_EIG", 1)]
    later = await targeting_client.get(
        "/kit/news", params={"since": datetime.now(UTC).isoformat()}, headers=counselor
    )
    assert later.json() == []


async def test_documents_are_the_tools_of_the_socles_actions(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, national: dict[str, str]
) -> None:
    actions = (await targeting_client.get("/policy/2011/actions", headers=national)).json()
    eig = next(a["id"] for a in actions if a["code"] == "EIG")
    document = await _document(targeting_client, national)
    attached = await targeting_client.put(
        f"/kit/documents/{document['id']}/actions", json={"action_ids": [eig]}, headers=national
    )
    assert attached.status_code == 200 and attached.json()["action_ids"] == [eig]
    counselor = tokens.headers(Role.COUNSELOR, "BRETAGNE")
    tools = await targeting_client.get(f"/actions/{eig}/tools", headers=counselor)
    assert [t["code"] for t in tools.json()] == ["TRAME_EIG"]

    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    regional = await targeting_client.post(
        "/policy/2011/actions",
        json={
            "code": "FORUM",
            "title": "Forum",
            "contact_type": "collective_meeting",
            "target_description": "",
            "specific_objective": "",
            "content": "",
            "calendar_start": "2011-09-01",
            "calendar_end": "2011-12-15",
            "modalities": "",
            "tools": "",
            "target_definition": {"filter": {"statuses": ["active"]}},
        },
        headers=manager,
    )
    refused = await targeting_client.put(
        f"/kit/documents/{document['id']}/actions",
        json={"action_ids": [eig, regional.json()["id"]]},
        headers=national,
    )
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "action_ids"
    assert (
        await targeting_client.get(f"/actions/{regional.json()['id']}/tools", headers=counselor)
    ).status_code == 404
    cleared = await targeting_client.put(
        f"/kit/documents/{document['id']}/actions", json={"action_ids": []}, headers=national
    )
    assert cleared.json()["action_ids"] == []


async def test_a_caisse_adapts_a_document_that_allows_it(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, national: dict[str, str]
) -> None:
    model = await _document(
        targeting_client,
        national,
        code="COURRIER_EIG",
        title="Modèle de courrier",
        category="letter_model",
        adaptable=True,
    )
    fixed = await _document(targeting_client, national, code="QUESTIONNAIRE")
    alpes = tokens.headers(Role.CAISSE_MANAGER, "ALPES")

    def adapt(document_id: int, headers: dict[str, str], content: bytes = PDF) -> Any:
        return targeting_client.put(
            f"/kit/documents/{document_id}/adaptation",
            files={"file": ("courrier-alpes.pdf", content, "application/pdf")},
            headers=headers,
        )

    assert (await adapt(model["id"], alpes)).status_code == 409  # no national version yet
    await _publish(targeting_client, national, model["id"], "courrier.pdf", PDF)
    await _publish(targeting_client, national, fixed["id"], "q.pdf", PDF)
    adapted = await adapt(model["id"], alpes)
    assert adapted.status_code == 200, adapted.text
    assert (adapted.json()["caisse_code"], adapted.json()["based_on_version"]) == ("ALPES", 1)
    assert adapted.json()["outdated"] is False
    assert (await adapt(fixed["id"], alpes)).status_code == 409
    assert (await adapt(model["id"], tokens.headers(Role.COUNSELOR, "ALPES"))).status_code == 403

    await _publish(targeting_client, national, model["id"], "courrier-v2.pdf", PDF, "Nouveau logo")
    listed = (await targeting_client.get("/kit/documents", headers=alpes)).json()
    (mine,) = next(d for d in listed if d["code"] == "COURRIER_EIG")["adaptations"]
    assert mine["outdated"] is True  # the national model moved on since

    bretagne = tokens.headers(Role.CAISSE_MANAGER, "BRETAGNE")
    theirs = (await targeting_client.get("/kit/documents", headers=bretagne)).json()
    assert next(d for d in theirs if d["code"] == "COURRIER_EIG")["adaptations"] == []
    url = f"/kit/documents/{model['id']}/adaptations/ALPES/file"
    assert (await targeting_client.get(url, headers=bretagne)).status_code == 404
    assert (await targeting_client.get(url, headers=alpes)).content == PDF
    seen = (await targeting_client.get("/kit/documents", headers=national)).json()
    assert [
        a["caisse_code"]
        for a in next(d for d in seen if d["code"] == "COURRIER_EIG")["adaptations"]
    ] == ["ALPES"]


@pytest.mark.parametrize(
    ("name", "content", "says"),
    [
        ("vide.pdf", b"", "vide"),
        ("archive.pdf", gzip.compress(PDF), "Type de fichier refusé"),
        ("programme.exe", b"MZ\x90\x00" + bytes(100), "Type de fichier refusé"),
        ("page.html", b"<html><script>alert(1)</script></html>", "Type de fichier refusé"),
        ("trame.docx", PDF, "ne finit pas par .pdf"),
        ("zip.docx", b"PK\x03\x04" + bytes(40), "Type de fichier refusé"),
        ("enorme.pdf", PDF + bytes(MAX_FILE_BYTES), "dépasse 20 Mo"),
    ],
    ids=["empty", "gzip", "exe", "html", "wrong-extension", "broken-zip", "too-large"],
)
async def test_a_bad_file_is_a_422_in_french_naming_the_file(
    targeting_client: httpx.AsyncClient,
    national: dict[str, str],
    name: str,
    content: bytes,
    says: str,
) -> None:
    document = await _document(targeting_client, national)
    refused = await _publish(targeting_client, national, document["id"], name, content)
    assert refused.status_code == 422, refused.text
    assert says in refused.json()["detail"]
    assert refused.json()["errors"][0]["field"] == "file"
    detail = await targeting_client.get(f"/kit/documents/{document['id']}", headers=national)
    assert detail.json()["versions"] == []  # nothing half-written


async def test_office_and_image_formats_are_recognised(
    targeting_client: httpx.AsyncClient, national: dict[str, str]
) -> None:
    document = await _document(targeting_client, national)
    png = b"\x89PNG\r\n\x1a\n" + bytes(32)
    for name, content, media_type in [
        ("affiche.png", png, "image/png"),
        ("diaporama.odp", odp(), "application/vnd.oasis.opendocument.presentation"),
    ]:
        published = await _publish(targeting_client, national, document["id"], name, content)
        assert published.json()["media_type"] == media_type, published.text


async def test_only_the_national_office_publishes(
    targeting_client: httpx.AsyncClient, tokens: TokenFactory, national: dict[str, str]
) -> None:
    manager = tokens.headers(Role.CAISSE_MANAGER, "ALPES")
    body = {"code": "X", "title": "X", "category": "other"}
    assert (
        await targeting_client.post("/kit/documents", json=body, headers=manager)
    ).status_code == 403
    document = await _document(targeting_client, national)
    assert (
        await _publish(targeting_client, manager, document["id"], "a.pdf", PDF)
    ).status_code == 403
    again = await targeting_client.post(
        "/kit/documents",
        json={"code": "TRAME_EIG", "title": "Autre", "category": "other"},
        headers=national,
    )
    assert again.status_code == 409 and "TRAME_EIG" in again.json()["detail"]
    no_changes = await _publish(targeting_client, national, document["id"], "a.pdf", PDF, "  ")
    assert no_changes.status_code == 422 and no_changes.json()["errors"][0]["field"] == "changes"
