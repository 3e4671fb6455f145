"""Letters rendered to PDF with ReportLab: a page per letter, the address placed for a
window envelope (DL, right-hand window), written page by page so a batch of any size
streams to its file."""

from collections.abc import Iterable
from dataclasses import dataclass
from io import BytesIO
from pathlib import Path
from typing import BinaryIO
from xml.sax.saxutils import escape

import segno
from PIL import Image
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph, Spacer

_BODY = ParagraphStyle("body", fontName="Helvetica", fontSize=10.5, leading=14, spaceAfter=8)
_SUBJECT = ParagraphStyle("subject", parent=_BODY, fontName="Helvetica-Bold")
_WIDTH, _HEIGHT = A4
QR_MASK = 2
QR_QUIET_ZONE = 4  # modules of white around the code, as the standard asks
QR_PIXELS_PER_MODULE = 3


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
    _draw_qr(canvas, link, x=_WIDTH - 20 * mm - size, y=18 * mm, size=size)
    address, _, token = link.rpartition("/")
    canvas.setFont("Helvetica-Bold", 10)
    canvas.drawString(20 * mm, 40 * mm, "Prenez rendez-vous en ligne :")
    canvas.setFont("Courier", 9)
    canvas.drawString(20 * mm, 34 * mm, f"{address}/")
    canvas.drawString(20 * mm, 29 * mm, token)
    canvas.setFont("Helvetica", 8)
    canvas.drawString(20 * mm, 23 * mm, "ou flashez le code ci-contre avec votre téléphone.")


def _draw_qr(canvas: Canvas, data: str, *, x: float, y: float, size: float) -> None:
    """The QR code as a small 1-bit image with its quiet zone (a few hundred bytes a letter,
    where vector squares cost ten times more memory until the batch is saved).

    The mask is fixed rather than chosen by scoring all eight (any mask is a valid code, and
    the scoring is 80 % of the encoding time: thousands of letters per batch)."""
    matrix = segno.make_qr(data, error="m", mask=QR_MASK, boost_error=False).matrix
    side = len(matrix) + 2 * QR_QUIET_ZONE
    image = Image.new("1", (side, side), 1)
    pixels = image.load()
    assert pixels is not None
    for row_number, row in enumerate(matrix):
        for column, dark in enumerate(row):
            if dark:
                pixels[column + QR_QUIET_ZONE, row_number + QR_QUIET_ZONE] = 0
    # Whole pixels per module: viewers and printers smoothing a scaled image keep sharp edges.
    image = image.resize((side * QR_PIXELS_PER_MODULE,) * 2, Image.Resampling.NEAREST)
    canvas.drawImage(ImageReader(image), x, y, size, size)


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
