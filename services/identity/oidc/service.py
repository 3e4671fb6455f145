"""Sign-in with an OpenID Connect provider (ProConnect in production), as a relying party.

Authorization code flow with PKCE (S256): ``begin`` stores the ``state`` (its hash), the
``nonce`` and the PKCE verifier in PostgreSQL (any replica may receive the callback), and
sends the browser to the provider; ``complete`` takes them back once (a state is single
use and expires), exchanges the code, verifies the ID token (signature by the provider's
published keys, issuer, audience, expiry, nonce) and matches the agent to a local account:
by the provider's ``sub``, or at the first sign-in by a verified email, then bound to that
``sub``. Roles and caisse stay local: the platform then issues its own tokens.

The OAuth parameters and PKCE come from authlib; the JOSE checks from joserfc (authlib's).
"""

import hashlib
import logging
from dataclasses import dataclass
from datetime import timedelta
from enum import StrEnum
from typing import Any

import httpx
from authlib.common.security import generate_token
from authlib.oauth2.rfc6749.parameters import prepare_grant_uri, prepare_token_request
from authlib.oauth2.rfc7636 import create_s256_code_challenge
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import KeySet
from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.identity.models import User
from services.identity.oidc.models import OidcAuthorization
from services.shared.settings import Settings

logger = logging.getLogger(__name__)

AUTHORIZATION_TTL = timedelta(minutes=10)
# Clock skew tolerated on the ID token's exp / iat / nbf.
LEEWAY_SECONDS = 30
ALGORITHMS = ["RS256", "ES256", "PS256"]


class Refusal(StrEnum):
    """Why a provider sign-in did not end signed in (each has its French page)."""

    UNKNOWN_AGENT = "unknown_agent"
    INACTIVE = "inactive"
    EXPIRED_ATTEMPT = "expired_attempt"
    INVALID_ANSWER = "invalid_answer"
    PROVIDER_ERROR = "provider_error"
    UNAVAILABLE = "unavailable"


class OidcRefused(Exception):
    def __init__(self, refusal: Refusal, reason: str) -> None:
        super().__init__(reason)
        self.refusal = refusal
        # For the log only: never a token, a code or an email.
        self.reason = reason


@dataclass(frozen=True)
class ProviderMetadata:
    issuer: str
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str | None
    token_auth_methods: tuple[str, ...]


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


class OidcRelyingParty:
    """One per identity process; the provider's metadata and keys are cached."""

    def __init__(self, settings: Settings, http: httpx.AsyncClient) -> None:
        self.settings = settings
        self.http = http
        self.name = settings.oidc_provider_name
        self._metadata: ProviderMetadata | None = None
        self._keys: KeySet | None = None

    async def _get_json(self, url: str) -> dict[str, Any]:
        try:
            response = await self.http.get(url)
            response.raise_for_status()
            body = response.json()
        except (httpx.HTTPError, ValueError) as exc:
            raise OidcRefused(Refusal.UNAVAILABLE, f"GET {url}: {type(exc).__name__}") from exc
        if not isinstance(body, dict):
            raise OidcRefused(Refusal.UNAVAILABLE, f"GET {url}: not a JSON object")
        return body

    async def metadata(self) -> ProviderMetadata:
        if self._metadata is None:
            document = await self._get_json(self.settings.oidc_discovery_url)
            try:
                self._metadata = ProviderMetadata(
                    issuer=document["issuer"],
                    authorization_endpoint=document["authorization_endpoint"],
                    token_endpoint=document["token_endpoint"],
                    jwks_uri=document["jwks_uri"],
                    userinfo_endpoint=document.get("userinfo_endpoint"),
                    token_auth_methods=tuple(
                        document.get(
                            "token_endpoint_auth_methods_supported", ["client_secret_basic"]
                        )
                    ),
                )
            except KeyError as exc:
                raise OidcRefused(Refusal.UNAVAILABLE, f"discovery lacks {exc}") from exc
        return self._metadata

    async def _key_set(self, refresh: bool = False) -> KeySet:
        if self._keys is None or refresh:
            jwks = await self._get_json((await self.metadata()).jwks_uri)
            try:
                self._keys = KeySet.import_key_set(jwks)  # type: ignore[arg-type]
            except (JoseError, ValueError, TypeError) as exc:
                raise OidcRefused(Refusal.UNAVAILABLE, "unreadable JWKS") from exc
        return self._keys

    async def _decode(self, token: str) -> jwt.Token:
        """Verifies the signature with the provider's keys, fetched again once when the key
        is not among those cached (the provider rotated its keys)."""
        for refresh in (False, True):
            try:
                return jwt.decode(token, await self._key_set(refresh), algorithms=ALGORITHMS)
            except JoseError as exc:
                if refresh:
                    raise OidcRefused(
                        Refusal.INVALID_ANSWER, f"ID token signature: {exc.error}"
                    ) from exc
        raise AssertionError("unreachable")

    async def begin(self, session: AsyncSession) -> str:
        """Stores a new attempt; returns the provider's authorization URL to send the
        browser to."""
        metadata = await self.metadata()
        state, nonce, verifier = generate_token(43), generate_token(43), generate_token(64)
        now = await session.scalar(select(func.statement_timestamp()))
        assert now is not None
        session.add(
            OidcAuthorization(
                state_hash=_digest(state),
                nonce=nonce,
                code_verifier=verifier,
                expires_at=now + AUTHORIZATION_TTL,
            )
        )
        await session.flush()
        url: str = prepare_grant_uri(
            metadata.authorization_endpoint,
            self.settings.oidc_client_id,
            "code",
            redirect_uri=self.settings.oidc_redirect_uri,
            scope=self.settings.oidc_scopes,
            state=state,
            nonce=nonce,
            code_challenge=create_s256_code_challenge(verifier),  # type: ignore[no-untyped-call]
            code_challenge_method="S256",
        )
        return url

    async def _take_attempt(self, session: AsyncSession, state: str) -> OidcAuthorization:
        attempt: OidcAuthorization | None = await session.scalar(
            delete(OidcAuthorization)
            .where(OidcAuthorization.state_hash == _digest(state))
            .returning(OidcAuthorization)
        )
        # Expired attempts go in passing: they are small and never useful again.
        await session.execute(
            delete(OidcAuthorization).where(
                OidcAuthorization.expires_at <= func.statement_timestamp()
            )
        )
        now = await session.scalar(select(func.statement_timestamp()))
        if attempt is None or now is None or attempt.expires_at <= now:
            raise OidcRefused(Refusal.EXPIRED_ATTEMPT, "unknown, used or expired state")
        return attempt

    async def _exchange(
        self, metadata: ProviderMetadata, code: str, verifier: str
    ) -> tuple[str, str | None]:
        """The ID token and the access token (for the userinfo endpoint) of ``code``."""
        client_id = self.settings.oidc_client_id
        secret = self.settings.oidc_client_secret.get_secret_value()
        parameters = {"code": code, "code_verifier": verifier}
        basic = "client_secret_basic" in metadata.token_auth_methods
        if not basic:  # client_secret_post
            parameters |= {"client_id": client_id, "client_secret": secret}
        body = prepare_token_request(
            "authorization_code", redirect_uri=self.settings.oidc_redirect_uri, **parameters
        )
        headers = {"Content-Type": "application/x-www-form-urlencoded"}
        try:
            if basic:
                response = await self.http.post(
                    metadata.token_endpoint,
                    content=body,
                    headers=headers,
                    auth=httpx.BasicAuth(client_id, secret),
                )
            else:
                response = await self.http.post(
                    metadata.token_endpoint, content=body, headers=headers
                )
        except httpx.HTTPError as exc:
            raise OidcRefused(Refusal.UNAVAILABLE, f"token endpoint: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise OidcRefused(
                Refusal.INVALID_ANSWER, f"token endpoint answered {response.status_code}"
            )
        try:
            answer = response.json()
            id_token, access_token = answer["id_token"], answer.get("access_token")
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise OidcRefused(Refusal.INVALID_ANSWER, "token answer without id_token") from exc
        if not isinstance(id_token, str):
            raise OidcRefused(Refusal.INVALID_ANSWER, "id_token is not a string")
        return id_token, access_token if isinstance(access_token, str) else None

    async def _userinfo(
        self, metadata: ProviderMetadata, access_token: str | None, subject: str
    ) -> dict[str, Any]:
        """The userinfo claims (ProConnect gives the email there, as a signed JWT), when
        they are about the same ``sub``; nothing when the provider has no such endpoint."""
        if metadata.userinfo_endpoint is None or access_token is None:
            return {}
        try:
            response = await self.http.get(
                metadata.userinfo_endpoint, headers={"Authorization": f"Bearer {access_token}"}
            )
        except httpx.HTTPError as exc:
            raise OidcRefused(Refusal.UNAVAILABLE, f"userinfo: {type(exc).__name__}") from exc
        if response.status_code != 200:
            raise OidcRefused(Refusal.INVALID_ANSWER, f"userinfo answered {response.status_code}")
        claims: Any
        if response.headers.get("content-type", "").startswith("application/jwt"):
            claims = dict((await self._decode(response.text.strip())).claims)
        else:
            try:
                claims = response.json()
            except ValueError as exc:
                raise OidcRefused(Refusal.INVALID_ANSWER, "userinfo is not JSON") from exc
        if not isinstance(claims, dict) or str(claims.get("sub")) != subject:
            raise OidcRefused(Refusal.INVALID_ANSWER, "userinfo about another subject")
        return claims

    async def verify_id_token(self, id_token: str, nonce: str) -> dict[str, Any]:
        """The ID token's claims once its signature, issuer, audience, expiry and nonce hold."""
        metadata = await self.metadata()
        token = await self._decode(id_token)
        registry = jwt.JWTClaimsRegistry(
            leeway=LEEWAY_SECONDS,
            iss={"essential": True, "value": metadata.issuer},
            aud={"essential": True, "value": self.settings.oidc_client_id},
            sub={"essential": True},
            exp={"essential": True},
            iat={"essential": True},
            nonce={"essential": True, "value": nonce},
        )
        try:
            registry.validate(token.claims)
        except JoseError as exc:
            raise OidcRefused(Refusal.INVALID_ANSWER, f"ID token: {exc.description}") from exc
        return dict(token.claims)

    async def complete(
        self, session: AsyncSession, code: str | None, state: str | None, error: str | None
    ) -> User:
        """The local account of the agent the provider signed in (the callback's query)."""
        if state is None:
            raise OidcRefused(Refusal.EXPIRED_ATTEMPT, "callback without state")
        attempt = await self._take_attempt(session, state)
        if error is not None or code is None:
            # The error code is the provider's text: only its safe characters are logged.
            shown = "".join(c for c in (error or "no code")[:40] if c.isalnum() or c in "_ ")
            raise OidcRefused(Refusal.PROVIDER_ERROR, f"provider error: {shown}")
        metadata = await self.metadata()
        id_token, access_token = await self._exchange(metadata, code, attempt.code_verifier)
        claims = await self.verify_id_token(id_token, attempt.nonce)
        if "email" not in claims:
            claims |= await self._userinfo(metadata, access_token, str(claims["sub"]))
        return await self._match(session, claims)

    def _verified_email(self, claims: dict[str, Any]) -> str | None:
        email = claims.get("email")
        verified = claims.get("email_verified")
        if not isinstance(email, str) or verified is False:
            return None
        if verified is None and not self.settings.oidc_email_verified_by_provider:
            return None
        return email

    async def _match(self, session: AsyncSession, claims: dict[str, Any]) -> User:
        subject = str(claims["sub"])
        user = await session.scalar(select(User).where(User.oidc_subject == subject))
        if user is None:
            email = self._verified_email(claims)
            if email is not None:
                user = await session.scalar(
                    select(User).where(
                        func.lower(User.email) == email.lower(), User.oidc_subject.is_(None)
                    )
                )
            if user is None:
                raise OidcRefused(Refusal.UNKNOWN_AGENT, "no account for this agent")
            if user.active:
                user.oidc_subject = subject
                await session.flush()
        if not user.active:
            raise OidcRefused(Refusal.INACTIVE, "deactivated account")
        return user
