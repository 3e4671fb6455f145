"""Draws one volume of letters in a process of its own:

    python -m services.interviews.letters.render LETTERS.json OUT.pdf TITLE

It imports the drawing only. A process-pool worker started by ``spawn`` re-imports the
parent's main module — for ``rsi worker``, every service's code, about 150 MiB a process —
where this one needs ReportLab and segno alone."""

import dataclasses
import json
import sys
from pathlib import Path

from services.interviews.letters import pdf


def write_letters(path: Path, letters: list[pdf.Letter]) -> None:
    path.write_text(json.dumps([dataclasses.asdict(letter) for letter in letters]))


def read_letters(path: Path) -> list[pdf.Letter]:
    return [
        pdf.Letter(**{**fields, "recipient": tuple(fields["recipient"])})
        for fields in json.loads(path.read_text())
    ]


def render_volume(output: Path, title: str, letters: list[pdf.Letter]) -> None:
    canvas = pdf.open_batch(output, title)
    pdf.add_letters(canvas, letters)
    canvas.save()


def main(arguments: list[str]) -> None:
    letters, output, title = arguments
    render_volume(Path(output), title, read_letters(Path(letters)))


if __name__ == "__main__":
    main(sys.argv[1:])
