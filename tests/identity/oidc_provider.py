"""A small but real OpenID Connect provider, run as its own process by the tests (and by
the end-to-end platform): discovery, JWKS, authorization code with PKCE (S256), token
endpoint (client_secret_basic or _post), userinfo. Its JOSE is joserfc (authlib's).

It signs in whoever the test says, without a login form: ``POST /_control/next`` with
``{"sub", "email", "email_verified", "misbehave"}`` sets the agent of the following
authorizations. ``misbehave`` makes the ID token wrong in one way: ``wrong_nonce``,
``wrong_audience``, ``expired`` or ``foreign_key`` (signed by a key it does not publish).

    python -m tests.identity.oidc_provider --port 22090 --client-id rsi \\
        --client-secret s3cret --redirect-uri http://127.0.0.1:8080/api/identity/oidc/callback
"""

import argparse
import base64
import hashlib
import secrets
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import uvicorn
from joserfc import jwt
from joserfc.jwk import RSAKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

MISBEHAVIOURS = {"wrong_nonce", "wrong_audience", "expired", "foreign_key"}


@dataclass
class Provider:
    issuer: str
    client_id: str
    client_secret: str
    redirect_uri: str
    key: RSAKey = field(
        default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "provider-1"})
    )
    foreign: RSAKey = field(
        default_factory=lambda: RSAKey.generate_key(2048, parameters={"kid": "provider-1"})
    )
    agent: dict[str, Any] = field(
        default_factory=lambda: {"sub": "agent-1", "email": "agent@rsi.example"}
    )
    codes: dict[str, dict[str, Any]] = field(default_factory=dict)
    access_tokens: dict[str, dict[str, Any]] = field(default_factory=dict)

    def id_token(self, grant: dict[str, Any]) -> str:
        agent, misbehave = grant["agent"], grant["misbehave"]
        now = int(time.time())
        claims = {
            "iss": self.issuer,
            "sub": agent["sub"],
            "aud": "another-client" if misbehave == "wrong_audience" else self.client_id,
            "iat": now - 7200 if misbehave == "expired" else now,
            "exp": now - 3600 if misbehave == "expired" else now + 300,
            "nonce": "not-the-nonce" if misbehave == "wrong_nonce" else grant["nonce"],
            "auth_time": now,
        }
        key = self.foreign if misbehave == "foreign_key" else self.key
        return jwt.encode({"alg": "RS256", "kid": "provider-1"}, claims, key)


def create_app(provider: Provider) -> Starlette:
    async def discovery(_: Request) -> Response:
        base = provider.issuer
        return JSONResponse(
            {
                "issuer": base,
                "authorization_endpoint": f"{base}/authorize",
                "token_endpoint": f"{base}/token",
                "userinfo_endpoint": f"{base}/userinfo",
                "jwks_uri": f"{base}/jwks",
                "response_types_supported": ["code"],
                "subject_types_supported": ["public"],
                "id_token_signing_alg_values_supported": ["RS256"],
                "code_challenge_methods_supported": ["S256"],
                "token_endpoint_auth_methods_supported": [
                    "client_secret_basic",
                    "client_secret_post",
                ],
            }
        )

    async def jwks(_: Request) -> Response:
        key = provider.key.as_dict(private=False) | {"use": "sig", "alg": "RS256"}
        return JSONResponse({"keys": [key]})

    async def control(request: Request) -> Response:
        body = await request.json()
        misbehave = body.pop("misbehave", None)
        if misbehave is not None and misbehave not in MISBEHAVIOURS:
            return JSONResponse({"error": "unknown misbehaviour"}, status_code=400)
        provider.agent = body | {"misbehave": misbehave}
        return Response(status_code=204)

    async def authorize(request: Request) -> Response:
        query = request.query_params
        if (
            query.get("client_id") != provider.client_id
            or query.get("redirect_uri") != provider.redirect_uri
            or query.get("response_type") != "code"
            or query.get("code_challenge_method") != "S256"
            or not query.get("code_challenge")
            or "openid" not in query.get("scope", "").split()
        ):
            return JSONResponse({"error": "invalid_request"}, status_code=400)
        code = secrets.token_urlsafe(24)
        agent = dict(provider.agent)
        provider.codes[code] = {
            "agent": agent,
            "misbehave": agent.pop("misbehave", None),
            "nonce": query.get("nonce"),
            "challenge": query["code_challenge"],
        }
        target = f"{provider.redirect_uri}?{urlencode({'code': code, 'state': query['state']})}"
        return RedirectResponse(target, status_code=302)

    def client_authenticated(request: Request, form: dict[str, str]) -> bool:
        header = request.headers.get("authorization", "")
        if header.startswith("Basic "):
            client_id, _, secret = base64.b64decode(header[6:]).decode().partition(":")
        else:
            client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        return client_id == provider.client_id and secrets.compare_digest(
            secret, provider.client_secret
        )

    async def token(request: Request) -> Response:
        form = {key: str(value) for key, value in (await request.form()).items()}
        if not client_authenticated(request, form):
            return JSONResponse({"error": "invalid_client"}, status_code=401)
        grant = provider.codes.pop(form.get("code", ""), None)
        verifier = form.get("code_verifier", "")
        challenge = (
            base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
            .rstrip(b"=")
            .decode()
        )
        if (
            grant is None
            or form.get("grant_type") != "authorization_code"
            or form.get("redirect_uri") != provider.redirect_uri
            or challenge != grant["challenge"]
        ):
            return JSONResponse({"error": "invalid_grant"}, status_code=400)
        access_token = secrets.token_urlsafe(24)
        provider.access_tokens[access_token] = grant["agent"]
        return JSONResponse(
            {
                "access_token": access_token,
                "token_type": "Bearer",
                "expires_in": 60,
                "id_token": provider.id_token(grant),
            }
        )

    async def userinfo(request: Request) -> Response:
        bearer = request.headers.get("authorization", "").removeprefix("Bearer ")
        agent = provider.access_tokens.get(bearer)
        if agent is None:
            return JSONResponse({"error": "invalid_token"}, status_code=401)
        return JSONResponse(agent)

    return Starlette(
        routes=[
            Route("/.well-known/openid-configuration", discovery),
            Route("/jwks", jwks),
            Route("/_control/next", control, methods=["POST"]),
            Route("/authorize", authorize),
            Route("/token", token, methods=["POST"]),
            Route("/userinfo", userinfo),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--client-id", required=True)
    parser.add_argument("--client-secret", required=True)
    parser.add_argument("--redirect-uri", required=True)
    args = parser.parse_args()
    provider = Provider(
        issuer=f"http://127.0.0.1:{args.port}",
        client_id=args.client_id,
        client_secret=args.client_secret,
        redirect_uri=args.redirect_uri,
    )
    uvicorn.run(create_app(provider), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
