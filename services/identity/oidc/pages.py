"""The French pages a provider sign-in ends on when it does not sign the agent in (the
browser comes back from the provider to identity, not to the SPA)."""

from html import escape

from fastapi.responses import HTMLResponse

from services.identity.oidc.service import Refusal

ASK_FOR_AN_ACCOUNT = (
    "Demandez au responsable de votre caisse de créer votre compte avec votre adresse "
    "électronique professionnelle ; pour un compte du national, demandez à "
    "l'administrateur de la plateforme."
)

_PAGES: dict[Refusal, tuple[int, str, str]] = {
    Refusal.UNKNOWN_AGENT: (
        403,
        "Aucun compte ne correspond à votre identité",
        "Vous vous êtes bien identifié auprès de {provider}, mais la plateforme ne vous "
        "connaît pas encore. " + ASK_FOR_AN_ACCOUNT,
    ),
    Refusal.INACTIVE: (
        403,
        "Votre compte est désactivé",
        "Votre compte sur la plateforme a été désactivé. Si vous devez encore y accéder, "
        "demandez au responsable de votre caisse (ou à l'administrateur de la plateforme) "
        "de le réactiver.",
    ),
    Refusal.EXPIRED_ATTEMPT: (
        400,
        "La tentative de connexion a expiré",
        "Cette connexion par {provider} n'est plus valable (elle a déjà servi ou a trop "
        "attendu). Recommencez depuis la page de connexion.",
    ),
    Refusal.INVALID_ANSWER: (
        400,
        "La réponse du fournisseur d'identité est invalide",
        "La plateforme n'a pas pu vérifier la réponse de {provider} ; vous n'êtes pas "
        "connecté. Recommencez ; si cela persiste, prévenez l'administrateur de la "
        "plateforme.",
    ),
    Refusal.PROVIDER_ERROR: (
        400,
        "Connexion interrompue",
        "{provider} n'a pas confirmé votre identité (connexion annulée ou refusée). "
        "Recommencez depuis la page de connexion.",
    ),
    Refusal.UNAVAILABLE: (
        503,
        "Le fournisseur d'identité ne répond pas",
        "{provider} est injoignable pour le moment. Réessayez dans quelques minutes, ou "
        "connectez-vous avec votre identifiant et votre mot de passe.",
    ),
}


def refusal_page(refusal: Refusal, provider: str, login_url: str) -> HTMLResponse:
    status, title, text = _PAGES[refusal]
    title, text = escape(title, quote=False), escape(text.format(provider=provider), quote=False)
    body = f"""<!doctype html>
<html lang="fr">
<head><meta charset="utf-8"><title>{title} — Plateforme de politique de contact</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body>
<main>
<h1>{title}</h1>
<p>{text}</p>
<p><a href="{escape(login_url)}">Retour à la page de connexion</a></p>
</main>
</body>
</html>
"""
    return HTMLResponse(body, status_code=status, headers={"Cache-Control": "no-store"})
