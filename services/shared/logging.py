"""JSON logs carrying the service name and the request id, with personal data and secrets
redacted from every line (a last line of defence: code never logs them on purpose)."""

import logging
import re
import sys

from pythonjsonlogger.json import JsonFormatter

from services.shared.request_context import current_request_id

REDACTED = "[redacted]"
# What no log line may carry, whatever wrote it (our code, a library, a traceback): access
# tokens, personal links (booking and survey tokens), email addresses, French phone numbers
# and NIRs. tests/platform/test_processes.py scans a live platform's logs for them.
_REDACTIONS = (
    (re.compile(r"eyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*"), REDACTED),
    (
        re.compile(r"(/(?:rendez-vous|questionnaire|public/invitations|answer)/)[^/\s\"'?#<>{]+"),
        rf"\1{REDACTED}",
    ),
    (re.compile(r"[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}"), REDACTED),
    (re.compile(r"(?<![\w+])(?:\+33[\s.-]?|0)[1-9](?:[\s.-]?\d{2}){4}(?!\w)"), REDACTED),
    (re.compile(r"(?<!\w)[12]\d{4}(?:\d{2}|2[AB])\d{8}(?!\w)"), REDACTED),
)


def redact(text: str) -> str:
    for pattern, replacement in _REDACTIONS:
        text = pattern.sub(replacement, text)
    return text


class _ContextFilter(logging.Filter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def filter(self, record: logging.LogRecord) -> bool:
        record.service = self.service
        record.request_id = current_request_id()
        return True


class RedactingJsonFormatter(JsonFormatter):
    """The whole line (message, extra fields, traceback) goes through :func:`redact`."""

    def format(self, record: logging.LogRecord) -> str:
        return redact(super().format(record))


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stdout)
    handler.addFilter(_ContextFilter(service))
    handler.setFormatter(
        RedactingJsonFormatter(
            "{asctime}{levelname}{name}{message}{service}{request_id}",
            style="{",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Our middleware writes one access line per request, without the query string.
    logging.getLogger("uvicorn.access").disabled = True
    for name in ("uvicorn", "uvicorn.error"):
        logging.getLogger(name).handlers[:] = []
        logging.getLogger(name).propagate = True
