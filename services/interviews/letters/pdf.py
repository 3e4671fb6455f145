"""Letters rendered to PDF with ReportLab: a page per letter, the address placed for a
window envelope (DL, right-hand window), written page by page so a batch of any size
streams to its file."""

from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph, Spacer

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=8)
_SUBJECT = ParagraphStyle("subject", parent=_BODY, fontName="Helvetica-Bold")
_WIDTH, _HEIGHT = A4


@dataclass(frozen=True)
class Letter:
    sender: str  # the caisse
    recipient: tuple[str, ...]  # address lines
    place_and_date: str
    subject: str
    body: str  # merged text; blank lines separate paragraphs
    reminder: bool = False
    link: str | None = None  # the personal booking link, also printed as a QR code


def _draw(canvas: Canvas, letter: Letter) -> None:
    canvas.setFont("Helvetica-Bold", 12)
    canvas.drawString(20 * mm, _HEIGHT - 25 * mm, letter.sender)
    canvas.setFont("Helvetica", 9)
    canvas.drawString(20 * mm, _HEIGHT - 30 * mm, "Régime Social des Indépendants")
    address = canvas.beginText(110 * mm, _HEIGHT - 50 * mm)
    address.setFont("Helvetica", 11)
    for line in letter.recipient:
        address.textLine(line)
    canvas.drawText(address)
    canvas.setFont("Helvetica", 10)
    canvas.drawString(110 * mm, _HEIGHT - 85 * mm, letter.place_and_date)
    subject = ("Relance — " if letter.reminder else "") + letter.subject
    story = [Paragraph(f"Objet : {escape(subject)}", _SUBJECT), Spacer(0, 4 * mm)]
    story += [
        Paragraph(escape(paragraph).replace("\n", "<br/>"), _BODY)
        for paragraph in letter.body.split("\n\n")
        if paragraph.strip()
    ]
    bottom = 20 * mm
    if letter.link:
        _draw_link(canvas, letter.link)
        bottom = 55 * mm
    Frame(
        20 * mm, bottom, _WIDTH - 40 * mm, _HEIGHT - 95 * mm - bottom, showBoundary=0
    ).addFromList(story, canvas)
    canvas.showPage()


def _draw_link(canvas: Canvas, link: str) -> None:
    size = 30 * mm
    widget = QrCodeWidget(link, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, _WIDTH - 20 * mm - size, 18 * mm)
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(20 * mm, 40 * mm, "Prenez rendez-vous en ligne :")
    canvas.setFont("Helvetica", 9)
    canvas.drawString(20 * mm, 34 * mm, link)


def open_batch(output: Path | BinaryIO, title: str) -> Canvas:
    canvas = Canvas(
        str(output) if isinstance(output, Path) else output,
        pagesize=A4,
        pageCompression=1,
        invariant=True,
    )
    canvas.setTitle(title)
    canvas.setAuthor("RSI — politique de contact")
    return canvas


def add_letters(canvas: Canvas, letters: Iterable[Letter]) -> None:
    for letter in letters:
        _draw(canvas, letter)


def render_one(letter: Letter, title: str) -> bytes:
    output = BytesIO()
    canvas = open_batch(output, title)
    _draw(canvas, letter)
    canvas.save()
    return output.getvalue()
