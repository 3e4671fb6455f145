"""The issuer's RSA keys: the current one signs, the previous ones are still published.

Every identity replica must sign with the same key, so in production the keys are
configured (a file or the PEM in the environment) and never generated; in development and
test, the current key is generated on first start into ``RSI_SIGNING_KEY_PATH`` (default
``.data/keys/signing-key.pem``). Rotation: the new key becomes current, the old one moves to
the previous keys (tokens it signed verify until they expire), and is removed after the token
TTL. A key's ``kid`` is its RFC 7638 thumbprint, so every replica derives the same one.
"""

import base64
import hashlib
import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from services.shared.secrets_config import (
    ConfigurationError,
    create_secret_file,
    env_name,
    is_configured,
    may_generate,
    read_secret_file,
)
from services.shared.settings import Settings

KEY_SIZE_BITS = 2048
_PEM_BLOCK = re.compile(rb"-----BEGIN ([A-Z0-9 ]+)-----.+?-----END \1-----", re.DOTALL)


def _b64url_uint(value: int) -> str:
    raw = value.to_bytes((value.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def public_jwk(key: rsa.RSAPublicKey) -> dict[str, Any]:
    """The public JWK of ``key``, its ``kid`` being the RFC 7638 thumbprint."""
    numbers = key.public_numbers()
    members = {"e": _b64url_uint(numbers.e), "kty": "RSA", "n": _b64url_uint(numbers.n)}
    # RFC 7638 thumbprint: the canonical JSON of the required members, SHA-256.
    canonical = json.dumps(members, separators=(",", ":"), sort_keys=True).encode()
    kid = base64.urlsafe_b64encode(hashlib.sha256(canonical).digest()).rstrip(b"=").decode()
    return {**members, "kid": kid, "alg": "RS256", "use": "sig"}


@dataclass(frozen=True)
class SigningKey:
    private_pem: str
    public_jwk: dict[str, Any]

    @property
    def kid(self) -> str:
        return str(self.public_jwk["kid"])

    def jwks(self) -> dict[str, Any]:
        return {"keys": [self.public_jwk]}

    @classmethod
    def from_private_key(cls, key: rsa.RSAPrivateKey) -> "SigningKey":
        pem = key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ).decode()
        return cls(private_pem=pem, public_jwk=public_jwk(key.public_key()))


@dataclass(frozen=True)
class KeyRing:
    """The key that signs and the public keys of those that signed before it."""

    current: SigningKey
    previous: tuple[Mapping[str, Any], ...] = ()

    def jwks(self) -> dict[str, Any]:
        """The current key first, then each previous one (once, whatever the settings)."""
        keys: dict[str, Mapping[str, Any]] = {self.current.kid: self.current.public_jwk}
        for jwk in self.previous:
            keys.setdefault(str(jwk["kid"]), jwk)
        return {"keys": [dict(jwk) for jwk in keys.values()]}


def generate_private_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE_BITS)


def _pem_blocks(text: bytes) -> list[bytes]:
    # Some platforms flatten a multi-line variable: accept "\n" written as two characters.
    if b"\n" not in text.strip():
        text = text.replace(b"\\n", b"\n")
    return [match.group(0) for match in _PEM_BLOCK.finditer(text)]


def _checked(key: object, source: str) -> rsa.RSAPublicKey:
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    if not isinstance(public, rsa.RSAPublicKey):
        raise ConfigurationError(f"{source}: not an RSA key (RS256 needs one)")
    if public.key_size < KEY_SIZE_BITS:
        raise ConfigurationError(f"{source}: an RSA key of {public.key_size} bits is too short")
    return public


def _private_key(block: bytes, source: str) -> rsa.RSAPrivateKey:
    try:
        key = serialization.load_pem_private_key(block, password=None)
    except TypeError as exc:  # encrypted: no password to give it
        raise ConfigurationError(f"{source}: encrypted keys are not supported") from exc
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise ConfigurationError(f"{source}: not a readable PEM private key") from exc
    _checked(key, source)
    assert isinstance(key, rsa.RSAPrivateKey)
    return key


def _public_key(block: bytes, source: str) -> rsa.RSAPublicKey:
    """A previous key may be given whole or by its public part only."""
    if b"PRIVATE KEY-----" in block.split(b"\n", 1)[0]:
        return _checked(_private_key(block, source), source)
    try:
        key = serialization.load_pem_public_key(block)
    except (ValueError, UnsupportedAlgorithm) as exc:
        raise ConfigurationError(f"{source}: not a readable PEM key") from exc
    return _checked(key, source)


def parse_current_key(text: bytes, source: str) -> SigningKey:
    blocks = _pem_blocks(text)
    if len(blocks) != 1:
        raise ConfigurationError(f"{source}: expected one PEM private key, found {len(blocks)}")
    return SigningKey.from_private_key(_private_key(blocks[0], source))


def parse_previous_keys(text: bytes, source: str) -> list[dict[str, Any]]:
    blocks = _pem_blocks(text)
    if not blocks:
        raise ConfigurationError(f"{source}: no PEM key found")
    return [public_jwk(_public_key(block, source)) for block in blocks]


def load_or_create_signing_key(path: Path) -> SigningKey:
    """Reads the key file, or creates it atomically (0600) if no process has yet. Outside
    production only: :func:`load_signing_keys` decides."""
    if not path.exists():
        create_secret_file(
            path, SigningKey.from_private_key(generate_private_key()).private_pem.encode()
        )
    source = f"{env_name('signing_key_path')} ({path})"
    return parse_current_key(read_secret_file(path, "signing_key_path"), source)


def _current_key(settings: Settings) -> SigningKey:
    from_env = settings.signing_key_pem
    from_file = is_configured(settings, "signing_key_path")
    if from_env is not None and from_file:
        raise ConfigurationError("Set either RSI_SIGNING_KEY_PEM or RSI_SIGNING_KEY_PATH, not both")
    if from_env is not None:
        return parse_current_key(from_env.get_secret_value().encode(), env_name("signing_key_pem"))
    path = settings.signing_key_path
    if may_generate(settings):
        return load_or_create_signing_key(path)
    if not from_file:
        raise ConfigurationError(
            "No signing key configured: production needs RSI_SIGNING_KEY_PATH (a PEM file) "
            "or RSI_SIGNING_KEY_PEM, and never generates one"
        )
    source = f"{env_name('signing_key_path')} ({path})"
    return parse_current_key(read_secret_file(path, "signing_key_path"), source)


def _previous_keys(settings: Settings) -> Iterable[dict[str, Any]]:
    for path in settings.previous_signing_key_paths:
        source = f"{env_name('previous_signing_key_paths')} ({path})"
        yield from parse_previous_keys(read_secret_file(path, "previous_signing_key_paths"), source)
    if settings.previous_signing_key_pems is not None:
        text = settings.previous_signing_key_pems.get_secret_value().encode()
        yield from parse_previous_keys(text, env_name("previous_signing_key_pems"))


def load_signing_keys(settings: Settings) -> KeyRing:
    """The issuer's keys from the settings; raises :class:`ConfigurationError` (naming the
    setting) when production has none, or when one is unreadable. Called at start-up."""
    return KeyRing(_current_key(settings), tuple(_previous_keys(settings)))
