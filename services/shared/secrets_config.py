"""Secrets every replica of a service must share (a signing key, a link secret).

Each comes either from a file or from an environment variable holding it. Outside production
a missing file is generated once, atomically and readable by its owner only; production never
generates one: a replica inventing its own secret would disagree with the others.
"""

import os
import secrets
from contextlib import suppress
from pathlib import Path

from pydantic import BaseModel

from services.shared.settings import Environment, Settings


class ConfigurationError(RuntimeError):
    """A setting the process cannot start without is missing or invalid. Its message names
    the setting, never the secret's value."""


def env_name(field: str) -> str:
    """The environment variable of a settings field (``signing_key_path`` →
    ``RSI_SIGNING_KEY_PATH``)."""
    return f"RSI_{field.upper()}"


def is_configured(settings: BaseModel, field: str) -> bool:
    """Whether ``field`` was given (environment or constructor) rather than defaulted."""
    return field in settings.model_fields_set


def may_generate(settings: Settings) -> bool:
    return settings.environment is not Environment.PRODUCTION


def read_secret_file(path: Path, field: str) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError as exc:
        raise ConfigurationError(f"{env_name(field)}: {path} does not exist") from exc
    except OSError as exc:
        raise ConfigurationError(f"{env_name(field)}: {path} cannot be read ({exc})") from exc


def create_secret_file(path: Path, content: bytes) -> None:
    """Writes ``content`` to ``path`` (mode 0600) unless the file exists. Atomic: the file
    appears complete or not at all, and when processes race the first one's content wins."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(6)}.tmp")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        with suppress(FileExistsError):  # another process created it first: theirs wins
            os.link(temporary, path)
    finally:
        temporary.unlink()
