"""Domain errors and their RFC 9457 ``application/problem+json`` rendering.

Every error leaving a service goes through :func:`install_problem_handlers`: validation errors
name the field, database errors map to 409/422/503, and nothing ever shows a stack trace.

Every problem carries a stable machine ``code`` (one per kind of error, registered in
:data:`ERROR_CODES` with what it means in French) and a French ``detail``: clients branch on the
code, people read the detail. ``tests/shared/test_error_codes.py`` walks the services' code and
fails on a code used but not registered, or a detail that is not French.
"""

import logging
from collections.abc import Awaitable, Callable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import DBAPIError
from starlette.exceptions import HTTPException as StarletteHTTPException

from services.shared.french import plural
from services.shared.request_context import current_request_id
from services.shared.routing import allowed_methods

PROBLEM_MEDIA_TYPE = "application/problem+json"
logger = logging.getLogger(__name__)


class FieldError(BaseModel):
    field: str = Field(description="Dotted path of the offending field, e.g. `filter.birth_years`.")
    location: str = Field(description="Where the field is: body, query, path or header.")
    message: str = Field(description="What is wrong with the field, in French.")


class Problem(BaseModel):
    """RFC 9457 problem details."""

    type: str = "about:blank"
    title: str
    status: int
    code: str = Field(
        "error", description="Stable machine code of the kind of error (see ERROR_CODES)."
    )
    detail: str | None = Field(None, description="What happened, in French, for a person.")
    instance: str | None = None
    request_id: str | None = None
    errors: list[FieldError] | None = None


ERROR_CODES: dict[str, str] = {
    # Generic kinds: a status without a more precise code.
    "bad_request": "La requête est invalide.",
    "not_authenticated": "Une authentification est nécessaire.",
    "forbidden": "Ce rôle ne permet pas cette action.",
    "not_found": "L'élément demandé est introuvable.",
    "method_not_allowed": "Cette opération n'est pas permise à cette adresse.",
    "conflict": "La modification entre en conflit avec l'état actuel.",
    "gone": "L'élément demandé n'existe plus.",
    "payload_too_large": "Le corps de la requête est trop volumineux.",
    "unprocessable": "La demande ne peut pas être traitée.",
    "too_many_requests": "Trop de demandes ; réessayez plus tard.",
    "internal_error": "Erreur inattendue ; elle a été consignée.",
    "bad_gateway": "Un service a répondu hors de son contrat.",
    "service_unavailable": "Le service est indisponible ; réessayez dans un instant.",
    "http_error": "La requête n'a pas abouti.",
    # Request validation and the database.
    "validation_error": "Un champ de la requête est invalide.",
    "malformed_body": "Le corps de la requête est illisible (JSON ou UTF-8 invalide).",
    "unknown_query_parameter": "Un paramètre de la requête est inconnu.",
    "db.out_of_range": "Une valeur est hors limites ou du mauvais type.",
    "db.conflict": "La modification entre en conflit avec des données existantes.",
    "db.concurrent_change": "La modification a croisé une modification simultanée.",
    "db.unavailable": "La base de données est indisponible.",
    "db.overloaded": "La base de données est surchargée.",
    # Authentication and peers.
    "auth.token_missing": "Un jeton d'accès est nécessaire.",
    "auth.token_invalid": "Le jeton d'accès est invalide.",
    "auth.token_expired_user": "L'utilisateur du jeton n'existe plus.",
    "auth.role_forbidden": "Ce rôle ne permet pas cette action.",
    "auth.scope_missing": "Ce client n'a pas la portée nécessaire.",
    "auth.bad_credentials": "Identifiant ou mot de passe incorrect.",
    "auth.bad_client_credentials": "Client inconnu ou secret incorrect.",
    "auth.login_throttled": "Trop d'échecs de connexion ; réessayez plus tard.",
    "auth.identity_unavailable": "Le service d'identité est indisponible.",
    "peer.refused": "Un service a refusé la demande.",
    "peer.contract": "Un service a répondu hors de son contrat.",
    "peer.unavailable": "Un service est indisponible.",
    "peer.unresponsive": "Un service ne répond pas.",
    "idempotency.bad_key": "La clé d'idempotence est invalide.",
    "idempotency.in_progress": "Une requête avec cette clé d'idempotence est en cours.",
    "idempotency.reused": "Cette clé d'idempotence a servi pour une autre requête.",
    "storage.missing": "Le fichier stocké est introuvable.",
    "storage.unavailable": "Le stockage des fichiers est indisponible.",
    # Domains.
    "action.bad_calendar": "Le calendrier de l'action est incohérent.",
    "action.duplicate_code": "Une action de ce code existe déjà pour l'année.",
    "action.national_only": "Seul le national modifie les actions du socle.",
    "action.no_interviews": "L'action ne comporte pas d'entretiens individuels.",
    "action.not_found": "Action introuvable.",
    "action.null_field": "Un champ ne peut pas être vidé.",
    "bilan.already_submitted": "Cette version du bilan est déjà soumise.",
    "bilan.figures_missing": "Des chiffres du bilan manquent.",
    "bilan.never_submitted": "Le bilan n'a jamais été soumis.",
    "bilan.not_found": "Bilan introuvable.",
    "bilan.not_submitted": "Le bilan n'est pas soumis.",
    "bilan.submitted": "Le bilan est soumis.",
    "bilan.version_changed": "Une autre version du bilan a été soumise entre-temps.",
    "bilan.version_not_found": "Version du bilan introuvable.",
    "booking.already_booked": "Un rendez-vous est déjà pris.",
    "booking.link_expired": "Ce lien de rendez-vous a expiré.",
    "booking.link_not_found": "Ce lien de rendez-vous n'existe pas.",
    "booking.link_used": "Ce lien de rendez-vous a déjà servi.",
    "booking.none_booked": "Aucun rendez-vous n'a été pris.",
    "booking.slot_taken": "Cet horaire vient d'être pris.",
    "booking.too_late": "Trop tard pour modifier le rendez-vous en ligne.",
    "caisse.not_found": "Caisse introuvable.",
    "caisse.unknown_codes": "Des codes de caisse sont inconnus.",
    "capacity.insufficient": "Les créneaux libres ne suffisent pas.",
    "contact.not_found": "Contact introuvable.",
    "counselor.not_found": "Conseiller introuvable.",
    "guide.draft_exists": "Un brouillon du guide existe déjà.",
    "guide.duplicate_key": "Une clé de section apparaît deux fois.",
    "guide.no_record": "Rien n'est enregistré pour cet entretien.",
    "guide.none_published": "Aucun guide n'est publié.",
    "guide.unknown_section": "Section du guide inconnue.",
    "guide.version_frozen": "Une version publiée du guide ne change plus.",
    "guide.version_not_found": "Version du guide introuvable.",
    "import.empty_mode": "Le mode d'import est vide.",
    "import.file_too_large": "Le fichier est trop volumineux.",
    "import.missing_columns": "Des colonnes manquent dans l'en-tête.",
    "import.unknown_columns": "Des colonnes de l'en-tête sont inconnues.",
    "import.unknown_form_field": "Champ de formulaire inconnu.",
    "interview.already_recorded": "L'entretien est déjà enregistré.",
    "interview.bad_outcome": "Résultat d'entretien non prévu.",
    "interview.cancelled": "L'entretien a été annulé.",
    "interview.not_booked": "Seul un entretien réservé peut changer.",
    "interview.not_found": "Entretien introuvable.",
    "interview.not_started": "L'entretien n'a pas encore commencé.",
    "invitation.follows_interview": "L'invitation suit désormais son entretien.",
    "invitation.not_found": "Invitation introuvable.",
    "job.not_found": "Tâche introuvable.",
    "letter.campaign_not_found": "Campagne de courriers introuvable.",
    "letter.invalid_merge_field": "Un « $ » n'est pas un champ de fusion.",
    "letter.meeting_not_allowed": "Seule une invitation à une rencontre nomme une rencontre.",
    "letter.meeting_other_action": "La rencontre relève d'une autre action.",
    "letter.meeting_required": "Une invitation à une rencontre nomme sa rencontre.",
    "letter.national_template_forbidden": "Les modèles nationaux relèvent du national.",
    "letter.nobody_to_remind": "Personne à relancer.",
    "letter.not_a_letter_action": "L'action n'est pas une action de courrier.",
    "letter.not_ready": "Les courriers ne sont pas encore prêts.",
    "letter.reply_period_open": "La période de réponse n'est pas terminée.",
    "letter.template_needs_caisse": "Un modèle de caisse a besoin d'une caisse.",
    "letter.template_not_found": "Modèle de courrier introuvable.",
    "letter.unbalanced_block": "Un bloc conditionnel « [[ … ]] » est mal formé.",
    "letter.unknown_merge_field": "Champ de fusion inconnu.",
    "meeting.already_registered": "La personne est déjà inscrite.",
    "meeting.cancelled": "La rencontre a été annulée.",
    "meeting.closed": "Les inscriptions à la rencontre sont closes.",
    "meeting.not_a_meeting_action": "L'action ne comporte pas de rencontres.",
    "meeting.partner_event_required": "Une rencontre sur un salon nomme son événement.",
    "meeting.category_without_risks": "La catégorie n'a pas d'informations sur les risques.",
    "meeting.capacity_below_registrations": "La capacité est inférieure aux inscriptions.",
    "meeting.not_found": "Rencontre introuvable.",
    "person.invalid_nir": "Le NIR est invalide (longueur, format ou clé de contrôle).",
    "person.not_found": "Personne introuvable.",
    "person.search_empty": "La recherche demande un NIR ou un nom.",
    "policy.not_found": "Aucune politique pour cette année.",
    "questionnaire.draft_exists": "Un brouillon existe déjà.",
    "questionnaire.duplicate_key": "La clé de question est déjà utilisée.",
    "questionnaire.empty": "Le questionnaire n'a pas de questions.",
    "questionnaire.key_clash": "Des clés régionales reprennent des clés nationales.",
    "questionnaire.national_only": "Seul le national modifie le modèle national.",
    "questionnaire.none_published": "Aucun questionnaire national n'est publié.",
    "questionnaire.not_published": "La version du questionnaire n'est pas publiée.",
    "questionnaire.owner_only": "Réservé au propriétaire de la version.",
    "questionnaire.question_not_found": "Question introuvable.",
    "questionnaire.version_frozen": "Une version publiée ne change plus.",
    "questionnaire.version_not_found": "Version de questionnaire introuvable.",
    "registration.already_cancelled": "L'inscription est déjà annulée.",
    "registration.already_checked_in": "La personne est déjà pointée présente.",
    "registration.attended": "La personne est venue : l'inscription reste.",
    "registration.not_found": "Inscription introuvable.",
    "registration.not_registered": "La personne n'est pas inscrite.",
    "scheduling.bad_range": "La période demandée est invalide ou trop longue.",
    "scheduling.caisse_required": "La caisse doit être précisée.",
    "scheduling.caisse_staff_only": "Réservé au personnel d'une caisse.",
    "scheduling.counselor_busy": "Le conseiller a déjà un entretien à cette heure.",
    "scheduling.no_counselor_free": "Aucun conseiller n'est libre à cette heure.",
    "scheduling.site_channel": "Le site ne correspond pas au canal.",
    "scheduling.time_refused": "Cet horaire ne peut pas être réservé.",
    "site.not_found": "Site introuvable.",
    "survey.already_answered": "Le questionnaire a déjà été rempli.",
    "survey.campaign_not_found": "Campagne d'enquête introuvable.",
    "survey.contact_out_of_campaign": "Le contact ne relève pas de la campagne.",
    "survey.draw_running": "Un tirage est déjà en cours.",
    "survey.duplicate_campaign": "Une campagne interroge déjà cette action.",
    "survey.invalid_answer": "Une réponse est invalide.",
    "survey.link_exists": "La personne a déjà un lien pour cette campagne.",
    "survey.link_expired": "Ce lien de questionnaire a expiré.",
    "survey.link_not_found": "Ce lien de questionnaire n'existe pas.",
    "survey.owner_only": "Réservé au propriétaire de la campagne.",
    "target_list.caisse_required": "La caisse de la liste doit être précisée.",
    "target_list.empty": "La liste cible est vide.",
    "target_list.not_found": "Liste cible introuvable.",
    "target_list.not_ready": "La liste cible n'est pas prête.",
    # Accounts, passwords, machine clients and sessions (identity).
    "account_not_found": "Compte introuvable.",
    "account_inactive": "Ce compte est désactivé.",
    "role_not_managed": "Ce rôle ne se gère pas depuis ce compte.",
    "other_caisse": "Ce compte relève d'une autre caisse.",
    "own_account": "On ne modifie pas ainsi son propre compte.",
    "password_already_set": "Le mot de passe de ce compte est déjà choisi.",
    "cannot_invite": "Ce compte ne peut pas recevoir d'invitation.",
    "caisse_required": "Ce rôle est rattaché à une caisse.",
    "caisse_not_allowed": "Ce rôle n'est rattaché à aucune caisse.",
    "duplicate_username": "Cet identifiant est déjà pris.",
    "duplicate_email": "Cette adresse est déjà celle d'un autre compte.",
    "client_not_found": "Client machine introuvable.",
    "client_revoked": "Ce client machine est révoqué.",
    "duplicate_client_id": "Cet identifiant de client existe déjà.",
    "unknown_link": "Ce lien n'existe pas.",
    "link_used": "Ce lien a déjà servi.",
    "link_expired": "Ce lien a expiré.",
    "weak_password": "Ce mot de passe est trop faible.",
    "wrong_current_password": "Le mot de passe actuel est incorrect.",
    "same_password": "Le nouveau mot de passe doit différer de l'actuel.",
    "sign_in_throttled": "Trop de tentatives de connexion ; patientez avant de réessayer.",
    "session_missing": "Aucune session ouverte.",
    "session_unknown": "Session inconnue.",
    "session_revoked": "La session a été fermée.",
    "session_expired": "La session a expiré.",
    "session_logout": "La session a été fermée par une déconnexion.",
    "session_reuse": "Un jeton de renouvellement a resservi : la session est fermée.",
    "session_inactive": "Le compte a été désactivé : la session est fermée.",
    "oidc.not_found": "La connexion par fournisseur d'identité n'est pas configurée.",
    # The yearly cycle and the national kit (targeting).
    "policy.conflict": "La politique de cette année existe déjà.",
    "policy.forbidden": "Seule une caisse reconduit ses actions régionales.",
    "policy.invalid": "La demande sur la politique de l'année est invalide.",
    "kit.not_found": "Élément du kit introuvable.",
    "kit.conflict": "La demande entre en conflit avec l'état du kit.",
    "kit.invalid": "Le fichier ou la demande pour le kit est invalide.",
    "import.unreadable_file": "Le fichier n'est pas un tableau lisible.",
    # Agenda, follow-ups and meetings (interviews).
    "agenda_feed.not_found": "Cette adresse d'agenda n'existe pas ou a été révoquée.",
    "followup.not_found": "Suivi introuvable.",
    "scheduling.not_found": "Élément de l'agenda introuvable.",
    "scheduling.invalid": "La demande sur l'agenda est invalide.",
    "letter.volume_required": "Cette campagne est en plusieurs volumes : choisissez-en un.",
    "letter.volume_not_found": "Ce volume de la campagne n'existe pas.",
    "meeting.not_the_day": "L'émargement n'est possible que le jour de la rencontre.",
    "meeting.outside_target": "La personne est hors de la cible de la rencontre.",
    # Values PostgreSQL cannot store.
    "validation.invalid": "Une valeur ne peut pas être enregistrée (caractère ou nombre).",
}


class DomainError(Exception):
    """Base of the errors a service raises on purpose; each carries its HTTP status, a stable
    ``code`` (the class's generic one unless given) and a French ``detail``."""

    status: int = 400
    title: str = "Requête invalide"
    code: str = "bad_request"

    def __init__(
        self,
        detail: str,
        *,
        code: str | None = None,
        errors: list[FieldError] | None = None,
        extensions: Mapping[str, Any] | None = None,
        headers: Mapping[str, str] | None = None,
    ) -> None:
        super().__init__(detail)
        self.detail = detail
        if code is not None:
            self.code = code
        self.errors = errors
        # RFC 9457 extension members: figures a client can act on (e.g. fresh slots).
        self.extensions = extensions
        # Response headers the answer needs (e.g. Retry-After on a 429).
        self.headers = headers


class NotAuthenticated(DomainError):
    status, title, code = 401, "Authentification requise", "not_authenticated"


class Forbidden(DomainError):
    status, title, code = 403, "Action interdite", "forbidden"


class NotFound(DomainError):
    status, title, code = 404, "Introuvable", "not_found"


class Conflict(DomainError):
    status, title, code = 409, "Conflit", "conflict"


class Gone(DomainError):
    status, title, code = 410, "N'existe plus", "gone"


class Unprocessable(DomainError):
    status, title, code = 422, "Demande impossible à traiter", "unprocessable"


class TooManyRequests(DomainError):
    status, title, code = 429, "Trop de demandes", "too_many_requests"


class ServiceUnavailable(DomainError):
    status, title, code = 503, "Service indisponible", "service_unavailable"


_STATUS_CODES = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    410: "gone",
    413: "payload_too_large",
    422: "unprocessable",
    429: "too_many_requests",
    500: "internal_error",
    502: "bad_gateway",
    503: "service_unavailable",
}
_STATUS_TITLES = {
    400: "Requête invalide",
    401: "Authentification requise",
    403: "Action interdite",
    404: "Introuvable",
    405: "Méthode non permise",
    409: "Conflit",
    410: "N'existe plus",
    413: "Requête trop volumineuse",
    422: "Demande impossible à traiter",
    429: "Trop de demandes",
    500: "Erreur interne",
    502: "Réponse invalide d'un service",
    503: "Service indisponible",
}


def status_code(status: int) -> str:
    """The generic code of a status, for a problem without a more precise one."""
    return _STATUS_CODES.get(status, "http_error")


def status_title(status: int) -> str:
    return _STATUS_TITLES.get(status) or HTTPStatus(status).phrase


def problem_response(
    status: int,
    detail: str | None,
    *,
    code: str | None = None,
    title: str | None = None,
    errors: list[FieldError] | None = None,
    headers: Mapping[str, str] | None = None,
    extensions: Mapping[str, Any] | None = None,
) -> JSONResponse:
    problem = Problem(
        title=title or status_title(status),
        status=status,
        code=code or status_code(status),
        detail=detail,
        request_id=current_request_id(),
        errors=errors,
    )
    return JSONResponse(
        {**(extensions or {}), **problem.model_dump(exclude_none=True)},
        status_code=status,
        media_type=PROBLEM_MEDIA_TYPE,
        headers=headers,
    )


def _expected(ctx: Mapping[str, Any]) -> str:
    return str(ctx.get("expected", "")).replace(" or ", " ou ")


# Pydantic's error types, in French (its own messages are English).
_VALIDATION_MESSAGES: dict[str, Callable[[Mapping[str, Any]], str]] = {
    "missing": lambda c: "Champ obligatoire.",
    "extra_forbidden": lambda c: "Champ inconnu.",
    "int_parsing": lambda c: "Un nombre entier est attendu.",
    "int_type": lambda c: "Un nombre entier est attendu.",
    "int_from_float": lambda c: "Un nombre entier est attendu.",
    "float_parsing": lambda c: "Un nombre est attendu.",
    "float_type": lambda c: "Un nombre est attendu.",
    "decimal_parsing": lambda c: "Un nombre est attendu.",
    "decimal_type": lambda c: "Un nombre est attendu.",
    "finite_number": lambda c: "Un nombre fini est attendu.",
    "bool_parsing": lambda c: "Oui ou non est attendu (true ou false).",
    "bool_type": lambda c: "Oui ou non est attendu (true ou false).",
    "string_type": lambda c: "Un texte est attendu.",
    "string_unicode": lambda c: "Un texte Unicode valide est attendu.",
    "string_too_short": lambda c: (
        f"Au moins {plural(int(c.get('min_length', 0)), 'caractère', 'caractères')}."
    ),
    "string_too_long": lambda c: (
        f"Au plus {plural(int(c.get('max_length', 0)), 'caractère', 'caractères')}."
    ),
    "string_pattern_mismatch": lambda c: "Le format n'est pas celui attendu.",
    "too_short": lambda c: (
        f"Au moins {plural(int(c.get('min_length', 0)), 'élément', 'éléments')}."
    ),
    "too_long": lambda c: f"Au plus {plural(int(c.get('max_length', 0)), 'élément', 'éléments')}.",
    "greater_than": lambda c: f"La valeur doit être supérieure à {c.get('gt')}.",
    "greater_than_equal": lambda c: f"La valeur doit être au moins {c.get('ge')}.",
    "less_than": lambda c: f"La valeur doit être inférieure à {c.get('lt')}.",
    "less_than_equal": lambda c: f"La valeur doit être au plus {c.get('le')}.",
    "multiple_of": lambda c: f"La valeur doit être un multiple de {c.get('multiple_of')}.",
    "date_parsing": lambda c: "Une date est attendue (AAAA-MM-JJ).",
    "date_from_datetime_parsing": lambda c: "Une date est attendue (AAAA-MM-JJ).",
    "date_from_datetime_inexact": lambda c: "Une date sans heure est attendue (AAAA-MM-JJ).",
    "date_type": lambda c: "Une date est attendue (AAAA-MM-JJ).",
    "datetime_parsing": lambda c: "Une date et une heure sont attendues (AAAA-MM-JJTHH:MM).",
    "datetime_from_date_parsing": lambda c: "Une date et une heure sont attendues.",
    "datetime_type": lambda c: "Une date et une heure sont attendues (AAAA-MM-JJTHH:MM).",
    "timezone_aware": lambda c: "Une date et une heure avec fuseau horaire sont attendues.",
    "time_parsing": lambda c: "Une heure est attendue (HH:MM).",
    "time_type": lambda c: "Une heure est attendue (HH:MM).",
    "uuid_parsing": lambda c: "Un identifiant (UUID) est attendu.",
    "uuid_type": lambda c: "Un identifiant (UUID) est attendu.",
    "enum": lambda c: f"Valeur non prévue ; valeurs possibles : {_expected(c)}.",
    "literal_error": lambda c: f"Valeur non prévue ; valeurs possibles : {_expected(c)}.",
    "json_invalid": lambda c: "Le JSON est invalide.",
    "json_type": lambda c: "Du JSON est attendu.",
    "model_type": lambda c: "Un objet est attendu.",
    "model_attributes_type": lambda c: "Un objet est attendu.",
    "dict_type": lambda c: "Un objet est attendu.",
    "list_type": lambda c: "Une liste est attendue.",
    "set_type": lambda c: "Une liste est attendue.",
    "url_parsing": lambda c: "Une adresse web valide est attendue.",
    "url_type": lambda c: "Une adresse web valide est attendue.",
    "url_scheme": lambda c: "Le schéma de l'adresse web n'est pas permis.",
    "union_tag_invalid": lambda c: f"Type non prévu ; valeurs possibles : {_expected(c)}.",
    "union_tag_not_found": lambda c: "Le champ qui indique le type manque.",
}


def french_validation_message(error: Mapping[str, Any]) -> str:
    """A pydantic error in French: our validators' own (French) message, else by error type."""
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    kind = str(error.get("type", ""))
    if kind in ("value_error", "assertion_error"):
        if "reason" in ctx:  # email-validator's (English) reasons
            return "L'adresse électronique est invalide."
        if "error" in ctx:
            return str(ctx["error"])
    message = _VALIDATION_MESSAGES.get(kind)
    return message(ctx) if message else "Valeur invalide."


def field_errors(errors: list[Any]) -> list[FieldError]:
    """Pydantic's errors (``exc.errors()``) as French field errors."""
    result = []
    for error in errors:
        location, *path = [str(part) for part in error.get("loc", ())] or ["body"]
        result.append(
            FieldError(
                field=".".join(path) or location,
                location=location,
                message=french_validation_message(error),
            )
        )
    return result


async def _validation_handler(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = field_errors(list(exc.errors()))
    first = errors[0] if errors else None
    detail = f"Champ « {first.field} » invalide : {first.message}" if first else "Requête invalide."
    return problem_response(422, detail, code="validation_error", errors=errors)


DenialHook = Callable[[Request, DomainError], Awaitable[None]]


async def _domain_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DomainError)
    on_denial: DenialHook | None = getattr(request.app.state, "on_denial", None)
    if on_denial is not None and exc.status in (403, 404):
        await on_denial(request, exc)
    headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else {}
    return problem_response(
        exc.status,
        exc.detail,
        code=exc.code,
        title=exc.title,
        errors=exc.errors,
        headers={**headers, **(exc.headers or {})},
        extensions=exc.extensions,
    )


# Starlette's own errors (unknown route, wrong method, unparseable body), in French.
_HTTP_DETAILS = {
    400: "La requête est invalide.",
    404: "Cette adresse ne correspond à aucune ressource.",
    405: "Cette méthode n'est pas permise à cette adresse.",
}


async def _http_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    detail = _HTTP_DETAILS.get(exc.status_code, ERROR_CODES[status_code(exc.status_code)])
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # RFC 9110 §15.5.6: Allow lists every method of the resource
        headers["Allow"] = ", ".join(allowed_methods(request.app, request.scope["path"]))
    return problem_response(exc.status_code, detail, headers=headers or None)


# SQLSTATE classes (PostgreSQL appendix A) and what each means for the caller.
_SQLSTATE_CLASS_ANSWERS = {
    "22": (422, "db.out_of_range", "Une valeur est hors limites ou du mauvais type."),
    "23": (409, "db.conflict", "La modification entre en conflit avec des données existantes."),
    "40": (
        409,
        "db.concurrent_change",
        "La modification a croisé une modification simultanée ; recommencez-la.",
    ),
    "08": (503, "db.unavailable", "La base de données est indisponible ; réessayez bientôt."),
    "53": (503, "db.overloaded", "La base de données est surchargée ; réessayez bientôt."),
    "57": (503, "db.unavailable", "La base de données est indisponible ; réessayez bientôt."),
}


def _sqlstate(exc: DBAPIError) -> str:
    return str(getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None) or "")


def _database_answer(status: int, code: str, detail: str) -> JSONResponse:
    return problem_response(status, detail, code=code)


async def _dbapi_handler(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, DBAPIError)
    sqlstate = _sqlstate(exc)
    answer = _SQLSTATE_CLASS_ANSWERS.get(sqlstate[:2])
    if answer is None and exc.connection_invalidated:
        answer = _SQLSTATE_CLASS_ANSWERS["08"]
    if answer is None:
        return unexpected_error_response(exc)
    logger.info("database error %s answered %s", sqlstate or type(exc).__name__, answer[0])
    return _database_answer(*answer)


async def _database_unreachable_handler(_: Request, exc: Exception) -> JSONResponse:
    logger.warning("database unreachable: %s", type(exc).__name__)
    return _database_answer(*_SQLSTATE_CLASS_ANSWERS["08"])


def unexpected_error_response(exc: BaseException) -> JSONResponse:
    """Any other error: logged with its trace, answered without it."""
    logger.error("unhandled error", exc_info=exc)
    return problem_response(500, "Erreur inattendue ; elle a été consignée.")


def install_problem_handlers(app: FastAPI, on_denial: DenialHook | None = None) -> None:
    """Problem+json for every error; ``on_denial`` hears of each 403 and 404 first."""
    app.state.on_denial = on_denial
    handlers: list[tuple[type[Exception], Any]] = [
        (RequestValidationError, _validation_handler),
        (DomainError, _domain_handler),
        (StarletteHTTPException, _http_handler),
        (DBAPIError, _dbapi_handler),
        # asyncpg raises refused or missing sockets unwrapped, when a connection is opened.
        (OSError, _database_unreachable_handler),
    ]
    for exc_class, handler in handlers:
        app.add_exception_handler(exc_class, handler)


def problem_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses=`` entries declaring problem+json errors of a route."""
    return {
        status: {
            "model": Problem,
            "description": HTTPStatus(status).phrase,
            "content": {PROBLEM_MEDIA_TYPE: {}},
        }
        for status in statuses
    }
