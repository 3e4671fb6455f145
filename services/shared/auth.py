"""Token verification and the authorization dependencies every router uses.

Only RS256 is ever accepted (python-jose accepts an HS256 token signed with the RSA public
key when both families are allowed, mpdavis/python-jose#414), every registered claim is
required, and the verifying keys come only from configuration (a JWKS), never from token
headers such as ``jku``, ``x5u`` or ``jwk``. :func:`verify_access_token` is the one place that
calls ``jwt.decode``; a test enforces it.
"""

import asyncio
import time
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Annotated, Any, Protocol

import httpx
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jose import JWTError, jwt

from services.shared.errors import Forbidden, NotAuthenticated, NotFound

ALGORITHM = "RS256"
ACCESS_TOKEN_USE = "access"
MAX_TOKEN_BYTES = 8192
_REQUIRED = {
    "verify_signature": True,
    "verify_aud": True,
    "verify_iss": True,
    "verify_exp": True,
    "verify_nbf": True,
    "verify_iat": True,
    "require_aud": True,
    "require_iss": True,
    "require_exp": True,
    "require_iat": True,
    "require_sub": True,
    "require_jti": True,
}


class Role(StrEnum):
    COUNSELOR = "counselor"
    CAISSE_MANAGER = "caisse_manager"
    NATIONAL = "national"
    SERVICE = "service"
    ADMIN = "admin"


CAISSE_BOUND_ROLES = frozenset({Role.COUNSELOR, Role.CAISSE_MANAGER})


@dataclass(frozen=True)
class Principal:
    """Who is calling: a person (through the SPA) or a machine client."""

    subject: str
    role: Role
    caisse_code: str | None
    name: str
    scopes: frozenset[str]
    token: str

    @property
    def is_caisse_bound(self) -> bool:
        return self.role in CAISSE_BOUND_ROLES


class KeySource(Protocol):
    async def key_for(self, kid: str) -> Mapping[str, Any] | None: ...


class StaticKeySource:
    """Keys known in advance: the issuer's own key, or a JWKS given in tests."""

    def __init__(self, jwks: Mapping[str, Any]) -> None:
        self._keys = {key["kid"]: key for key in jwks.get("keys", []) if "kid" in key}

    async def key_for(self, kid: str) -> Mapping[str, Any] | None:
        return self._keys.get(kid)


class JwksUrlKeySource:
    """Keys fetched from the issuer's JWKS URL, cached, refetched on an unknown ``kid``
    at most every ``min_refresh_seconds`` so a flood of bad tokens cannot hammer the issuer."""

    def __init__(
        self,
        url: str,
        http: httpx.AsyncClient,
        cache_seconds: float = 300,
        min_refresh_seconds: float = 10,
    ) -> None:
        self.url = url
        self.http = http
        self.cache_seconds = cache_seconds
        self.min_refresh_seconds = min_refresh_seconds
        self._keys: dict[str, Mapping[str, Any]] = {}
        self._fetched_at = float("-inf")
        self._lock = asyncio.Lock()

    async def key_for(self, kid: str) -> Mapping[str, Any] | None:
        age = time.monotonic() - self._fetched_at
        if age > self.cache_seconds or (kid not in self._keys and age > self.min_refresh_seconds):
            await self._refresh()
        return self._keys.get(kid)

    async def _refresh(self) -> None:
        async with self._lock:
            try:
                response = await self.http.get(self.url, timeout=5.0)
                response.raise_for_status()
                keys = response.json().get("keys", [])
            except (httpx.HTTPError, ValueError):
                return  # keep the keys we had; an unknown kid stays a 401
            self._keys = {key["kid"]: key for key in keys if "kid" in key}
            self._fetched_at = time.monotonic()


# How far in the future a token's ``iat`` may be (clock skew between issuer and service):
# python-jose checks only that ``iat`` is an integer, so a token "issued" in an hour passes.
DEFAULT_IAT_LEEWAY_SECONDS = 60


class TokenVerifier:
    def __init__(
        self,
        keys: KeySource,
        issuer: str,
        audience: str,
        iat_leeway_seconds: int = DEFAULT_IAT_LEEWAY_SECONDS,
    ) -> None:
        self.keys = keys
        self.issuer = issuer
        self.audience = audience
        self.iat_leeway_seconds = iat_leeway_seconds

    async def verify(self, token: str) -> Principal:
        return await verify_access_token(
            token, self.keys, self.issuer, self.audience, self.iat_leeway_seconds
        )


async def verify_access_token(
    token: str,
    keys: KeySource,
    issuer: str,
    audience: str,
    iat_leeway_seconds: int = DEFAULT_IAT_LEEWAY_SECONDS,
) -> Principal:
    if len(token) > MAX_TOKEN_BYTES:
        raise NotAuthenticated("Le jeton est trop long.", code="auth.token_invalid")
    try:
        header = jwt.get_unverified_header(token)
    except JWTError as exc:
        raise NotAuthenticated("Le jeton est mal formé.", code="auth.token_invalid") from exc
    if header.get("alg") != ALGORITHM or not isinstance(header.get("kid"), str):
        raise NotAuthenticated(
            "Le jeton n'est pas signé avec un algorithme et une clé acceptés.",
            code="auth.token_invalid",
        )
    key = await keys.key_for(header["kid"])
    if key is None:
        raise NotAuthenticated(
            "Le jeton est signé par une clé inconnue.", code="auth.token_invalid"
        )
    try:
        claims = jwt.decode(
            token,
            dict(key),
            algorithms=[ALGORITHM],
            audience=audience,
            issuer=issuer,
            options=_REQUIRED,
        )
    except JWTError as exc:
        raise NotAuthenticated(
            f"Le jeton est invalide : {exc}.", code="auth.token_invalid"
        ) from exc
    if int(claims["iat"]) > time.time() + iat_leeway_seconds:
        raise NotAuthenticated("Le jeton est émis dans le futur.", code="auth.token_invalid")
    return _principal_from_claims(claims, token)


def _principal_from_claims(claims: Mapping[str, Any], token: str) -> Principal:
    if claims.get("token_use") != ACCESS_TOKEN_USE:
        raise NotAuthenticated("Le jeton n'est pas un jeton d'accès.", code="auth.token_invalid")
    try:
        role = Role(str(claims.get("role")))
    except ValueError as exc:
        raise NotAuthenticated(
            "Le jeton ne porte aucun rôle connu.", code="auth.token_invalid"
        ) from exc
    caisse = claims.get("caisse")
    if role in CAISSE_BOUND_ROLES and not isinstance(caisse, str):
        raise NotAuthenticated(
            "Le jeton d'un rôle de caisse ne porte aucune caisse.", code="auth.token_invalid"
        )
    scopes = claims.get("scope", "")
    return Principal(
        subject=str(claims["sub"]),
        role=role,
        caisse_code=caisse if isinstance(caisse, str) else None,
        name=str(claims.get("name", claims["sub"])),
        scopes=frozenset(scopes.split()) if isinstance(scopes, str) else frozenset(),
        token=token,
    )


_bearer = HTTPBearer(auto_error=False, description="RS256 access token from the identity service")


async def authenticate(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise NotAuthenticated(
            "Un jeton d'accès (bearer) est nécessaire.", code="auth.token_missing"
        )
    verifier: TokenVerifier = request.app.state.token_verifier
    principal = await verifier.verify(credentials.credentials)
    request.state.principal = principal
    return principal


def require_role(
    *roles: Role, service_scope: str | tuple[str, ...] | None = None
) -> Callable[..., Awaitable[Principal]]:
    """Dependency factory: the caller must hold one of ``roles`` (403 otherwise); a machine
    client (role ``service``) must also have been granted ``service_scope`` (one of them, if
    several: a scope by purpose, or the broader one)."""
    allowed = frozenset(roles)
    scopes = (service_scope,) if isinstance(service_scope, str) else service_scope or ()

    async def dependency(principal: Annotated[Principal, Depends(authenticate)]) -> Principal:
        if principal.role not in allowed:
            raise Forbidden(
                f"Le rôle « {principal.role} » ne permet pas cette action.",
                code="auth.role_forbidden",
            )
        if principal.role is Role.SERVICE and scopes and principal.scopes.isdisjoint(scopes):
            wanted = " ou ".join(f"« {scope} »" for scope in scopes)
            raise Forbidden(
                f"Ce client n'a pas reçu la portée {wanted}.", code="auth.scope_missing"
            )
        return principal

    dependency.__name__ = f"require_role_{'_'.join(sorted(allowed))}"
    dependency.authorizes = True  # type: ignore[attr-defined]
    return dependency


authenticate.authorizes = True  # type: ignore[attr-defined]

# Who reads the aggregate figures each service publishes at GET /stats (no personal data):
# one rule for the contract reporting consolidates.
StatsReader = Annotated[
    Principal,
    Depends(
        require_role(
            Role.COUNSELOR,
            Role.CAISSE_MANAGER,
            Role.NATIONAL,
            Role.ADMIN,
            Role.SERVICE,
            service_scope="stats:read",
        )
    ),
]

CurrentPrincipal = Annotated[Principal, Depends(authenticate)]


@dataclass(frozen=True)
class CaisseScope:
    """Which caisses the caller may see: one for caisse-bound roles, all (None) otherwise.

    ``refused`` remembers the other caisses the request reached for, so that a 404 answered
    for another caisse's object is audited as a denial (see audit.audit_denial)."""

    caisse_codes: frozenset[str] | None
    refused: list[str] = field(default_factory=list, compare=False, repr=False)

    def allows(self, caisse_code: str) -> bool:
        allowed = self.caisse_codes is None or caisse_code in self.caisse_codes
        if not allowed:
            self.refused.append(caisse_code)
        return allowed

    def ensure(self, caisse_code: str, what: str) -> None:
        """Foreign objects are reported as missing (404), never as forbidden."""
        if not self.allows(caisse_code):
            raise NotFound(f"{what} introuvable.", code="not_found")


async def caisse_scope(request: Request, principal: CurrentPrincipal) -> CaisseScope:
    if principal.is_caisse_bound:
        assert principal.caisse_code is not None
        scope = CaisseScope(frozenset({principal.caisse_code}))
    else:
        scope = CaisseScope(None)
    request.state.caisse_scope = scope
    return scope


caisse_scope.authorizes = True  # type: ignore[attr-defined]

CurrentCaisseScope = Annotated[CaisseScope, Depends(caisse_scope)]
