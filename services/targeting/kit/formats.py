"""Which files the kit accepts: PDF, office documents (OOXML and OpenDocument) and images,
recognised by their content, not by what the browser says; the name's extension must agree."""

import io
import zipfile
from dataclasses import dataclass


@dataclass(frozen=True)
class KitFormat:
    label: str
    media_type: str
    extensions: tuple[str, ...]


PDF = KitFormat("PDF", "application/pdf", (".pdf",))
PNG = KitFormat("image PNG", "image/png", (".png",))
JPEG = KitFormat("image JPEG", "image/jpeg", (".jpg", ".jpeg"))
_OOXML = {
    "word/": KitFormat(
        "document Word",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        (".docx",),
    ),
    "xl/": KitFormat(
        "classeur Excel",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        (".xlsx",),
    ),
    "ppt/": KitFormat(
        "présentation PowerPoint",
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        (".pptx",),
    ),
}
_OPENDOCUMENT = {
    "application/vnd.oasis.opendocument.text": (".odt",),
    "application/vnd.oasis.opendocument.spreadsheet": (".ods",),
    "application/vnd.oasis.opendocument.presentation": (".odp",),
}
ACCEPTED = "PDF, Word, Excel, PowerPoint, OpenDocument (odt, ods, odp), PNG ou JPEG"


class RefusedFile(ValueError):
    """Why a file is not accepted, in French."""


def recognise(filename: str, head: bytes, content: bytes) -> KitFormat:
    """The format of ``content`` (``head`` is its first bytes), if the kit accepts it and
    ``filename``'s extension agrees; :class:`RefusedFile` otherwise."""
    found = _sniff(head, content)
    if found is None:
        raise RefusedFile(f"Type de fichier refusé : sont acceptés {ACCEPTED}.")
    if not filename.lower().endswith(found.extensions):
        raise RefusedFile(
            f"Le fichier est un {found.label} mais son nom ne finit pas par "
            f"{' ou '.join(found.extensions)}."
        )
    return found


def _sniff(head: bytes, content: bytes) -> KitFormat | None:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith(b"PK\x03\x04"):
        return _office(content)
    return None


def _office(content: bytes) -> KitFormat | None:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        names = archive.namelist()
        if "mimetype" in names:  # OpenDocument: the first member names the type
            declared = archive.read("mimetype").decode("ascii", "replace").strip()
            if declared in _OPENDOCUMENT:
                return KitFormat("document OpenDocument", declared, _OPENDOCUMENT[declared])
            return None
    except (zipfile.BadZipFile, KeyError, OSError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for folder, kind in _OOXML.items():
        if any(name.startswith(folder) for name in names):
            return kind
    return None
