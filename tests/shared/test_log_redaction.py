"""The log formatter's last line of defence: whatever a library or a traceback writes, the
line leaves without tokens, personal links, addresses, phone numbers or NIRs."""

import json
import logging
from pathlib import Path

import pytest

from services.shared.logging import REDACTED, configure_logging
from services.shared.messaging.senders import DevSmsProvider
from services.shared.middleware import _loggable_path
from tests.routes import service_app

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ1c2VyOmFkbWluIn0.c2lnbmF0dXJl"
BOOKING = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-ABCD"
# (text logged, the secret in it)
LEAKS = [
    (f"Bearer {JWT}", JWT),
    (f"http://127.0.0.1:8080/rendez-vous/{BOOKING}", BOOKING),
    (f"GET /answer/{BOOKING} 200", BOOKING),
    ("to jean.dupont@example.fr", "jean.dupont@example.fr"),
    ("SMS to 06 12 34 56 78", "06 12 34 56 78"),
    ("SMS to +33612345678", "612345678"),
    ("Key (nir)=(255081416802538) already exists", "255081416802538"),
    ("Key (nir)=(253072B07300470) already exists", "253072B07300470"),
]


@pytest.mark.parametrize(("text", "secret"), LEAKS)
def test_a_log_line_is_redacted(text: str, secret: str, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("probe")
    try:
        raise ValueError(text)
    except ValueError:
        logging.getLogger("probe").exception("failed with %s", text, extra={"detail": text})
    line = capsys.readouterr().out.strip()
    record = json.loads(line)
    assert REDACTED in record["message"] and REDACTED in record["detail"]
    assert secret not in line


def test_ordinary_lines_are_left_alone(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("probe")
    text = (
        "GET /persons/123456 200 in 12.5 ms, request 9f86d081884c7d659a2feaa0c55ad015 at 1733300000"
    )
    logging.getLogger("probe").info(text)
    assert json.loads(capsys.readouterr().out)["message"] == text


def test_the_access_line_names_no_personal_token() -> None:
    app = service_app("interviews")
    for path, logged in (
        ("/public/invitations/s3cr3t/slots", "/public/invitations/{token}/slots"),
        ("/public/invitations/s3cr3t", "/public/invitations/{token}"),
        ("/interviews/1234/history", "/interviews/1234/history"),
    ):
        assert _loggable_path({"path": path, "app": app}) == logged


async def test_the_dev_sms_provider_writes_to_its_folder_and_logs_the_key_only(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    sms = DevSmsProvider(tmp_path)
    with caplog.at_level(logging.INFO):
        await sms.send("invitation:7:sms", "0612345678", "Votre lien : https://x/rendez-vous/abc")
    written = (tmp_path / "invitation-7-sms.txt").read_text()
    assert "0612345678" in written and "/rendez-vous/abc" in written
    assert "0612345678" not in caplog.text and "rendez-vous" not in caplog.text
