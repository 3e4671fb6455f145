"""A bilan as a table (one row per action, for CSV and XLSX) and as a printable PDF."""

import io
from datetime import datetime
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import cm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from services.reporting.bilans.schemas import ActionFigures, BilanDocument
from services.reporting.national.schemas import NationalBilan

# The figures of each action, with their header in the export.
ACTION_COLUMNS = {
    "action_code": "Code de l'action",
    "title": "Intitulé",
    "contact_type": "Type de contact",
    "national": "Action du socle",
    "targeted": "Ciblés",
    "listed": "Dans une liste",
    "invited": "Invités",
    "booked": "Rendez-vous pris",
    "held": "Entretiens tenus",
    "no_show": "Absents",
    "meetings_held": "Réunions tenues",
    "meeting_registrations": "Inscriptions aux réunions",
    "meeting_attendance": "Présents aux réunions",
    "letters_sent": "Courriers envoyés",
    "realised": "Réalisés",
    "realisation_rate": "Taux de réalisation",
}
SATISFACTION_COLUMNS = {
    "links_issued": "Liens d'enquête émis",
    "responses": "Réponses à l'enquête",
    "response_rate": "Taux de réponse",
    "overall_satisfaction_mean": "Satisfaction moyenne",
    "satisfied_share": "Part de satisfaits",
}
BILAN_HEADER = (
    "Caisse", "Année", "Statut", "Version", *ACTION_COLUMNS.values(),
    *SATISFACTION_COLUMNS.values(),
)  # fmt: skip
NATIONAL_HEADER = (
    "Caisse", "Nom", "État", "Version", "Transmis le", "Ciblés", "Réalisés",
    "Taux de réalisation",
)  # fmt: skip
CONTACT_TYPES = {
    "individual_interview": "Entretien individuel",
    "letter": "Courrier",
    "collective_meeting": "Rencontre collective",
}
STATUS = {"draft": "Brouillon", "submitted": "Transmis"}
ExportTable = tuple[list[str], list[list[Any]]]


def _action_row(action: ActionFigures) -> list[Any]:
    satisfaction = action.satisfaction.model_dump() if action.satisfaction else {}
    return [getattr(action, c) for c in ACTION_COLUMNS] + [
        satisfaction.get(c) for c in SATISFACTION_COLUMNS
    ]


def bilan_table(document: BilanDocument) -> ExportTable:
    """The bilan's figures, one row per action (header, rows of typed values)."""
    prefix = [document.caisse_code, document.year, document.status, document.version]
    return list(BILAN_HEADER), [prefix + _action_row(action) for action in document.actions]


def national_table(bilan: NationalBilan) -> ExportTable:
    """One row per caisse: its submission state and its realisation rate per socle action."""
    codes = [row.action_code for row in bilan.consolidated.socle]
    rates = {c.caisse_code: c for c in bilan.consolidated.comparison}
    rows = []
    for submission in bilan.submissions:
        compared = rates.get(submission.caisse_code)
        totals = compared.totals if compared else None
        rows.append(
            [
                submission.caisse_code,
                submission.name,
                submission.state,
                submission.version,
                submission.submitted_at,
                totals.targeted if totals else None,
                totals.realised if totals else None,
                totals.realisation_rate if totals else None,
                *(compared.realisation_rates.get(code) if compared else None for code in codes),
            ]
        )
    return [*NATIONAL_HEADER, *(f"Taux de réalisation {code}" for code in codes)], rows


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.1f} %".replace(".", ",")


def _number(value: int | None) -> str:
    return "—" if value is None else f"{value:,}".replace(",", "\u202f")


def _date(value: datetime | None) -> str:
    return "—" if value is None else value.strftime("%d/%m/%Y")


def bilan_pdf(document: BilanDocument, caisse_name: str | None) -> bytes:
    """A printable A4 landscape bilan: header, figures per action, totals, the caisse's text."""
    styles = getSampleStyleSheet()
    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer,
        pagesize=landscape(A4),
        leftMargin=1.5 * cm,
        rightMargin=1.5 * cm,
        topMargin=1.5 * cm,
        bottomMargin=1.5 * cm,
        title=f"Bilan régional {document.year} — {document.caisse_code}",
        author="RSI — plateforme de contact",
    )
    state = STATUS[document.status]
    if document.version:
        state += f" (version {document.version}, le {_date(document.submitted_at)})"
    if document.late:
        state += " — en retard"
    story: list[Flowable] = [
        Paragraph(f"Bilan régional de la politique de contact {document.year}", styles["Title"]),
        Paragraph(f"Caisse : {caisse_name or document.caisse_code}", styles["Heading2"]),
        Paragraph(
            f"Statut : {state}. Échéance : {document.deadline.strftime('%d/%m/%Y')}.",
            styles["Normal"],
        ),
    ]
    if document.missing:
        story.append(
            Paragraph("Chiffres indisponibles : " + ", ".join(document.missing), styles["Normal"])
        )
    story.append(Spacer(1, 0.4 * cm))
    header = ["Action", "Type", "Ciblés", "Invités", "Réservés", "Tenus", "Absents",
              "Présents (réunions)", "Courriers", "Réalisation", "Satisfaits"]  # fmt: skip
    table: list[list[Any]] = [header]
    for a in document.actions:
        table.append(
            [
                Paragraph(escape(a.title), styles["BodyText"]),
                CONTACT_TYPES[a.contact_type],
                _number(a.targeted),
                _number(a.invited),
                _number(a.booked),
                _number(a.held),
                _number(a.no_show),
                _number(a.meeting_attendance),
                _number(a.letters_sent),
                _percent(a.realisation_rate),
                _percent(a.satisfaction.satisfied_share if a.satisfaction else None),
            ]
        )
    t = document.totals
    table.append(
        ["Total", "", _number(t.targeted), _number(t.invited), _number(t.booked),
         _number(t.held), _number(t.no_show), _number(t.meeting_attendance),
         _number(t.letters_sent), _percent(t.realisation_rate),
         _percent(t.satisfaction.satisfied_share if t.satisfaction else None)]
    )  # fmt: skip
    grid = Table(table, colWidths=[7 * cm] + [2 * cm] * 10, repeatRows=1)
    grid.setStyle(
        TableStyle(
            [
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#000091")),
                ("TEXTCOLOR", (0, 0), (-1, 0), colors.white),
                ("FONTSIZE", (0, 0), (-1, -1), 8),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
                ("ALIGN", (2, 1), (-1, -1), "RIGHT"),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("FONTNAME", (0, -1), (-1, -1), "Helvetica-Bold"),
            ]
        )
    )
    story.append(grid)
    sections = (
        ("Difficultés rencontrées", document.qualitative.difficulties),
        ("Actions locales", document.qualitative.local_actions),
        ("Priorités pour l'année suivante", document.qualitative.priorities),
    )
    for title, text in sections:
        story.append(Paragraph(title, styles["Heading3"]))
        for paragraph in (text or "—").split("\n\n"):
            story.append(Paragraph(escape(paragraph).replace("\n", "<br/>"), styles["BodyText"]))
    pdf.build(story)
    return buffer.getvalue()
