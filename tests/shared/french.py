"""A crude but strict test that a text shown to people is not English: words that exist only
in English (``english-words.txt``) give a text away."""

import re
from pathlib import Path

WORDS_FILE = Path(__file__).with_name("english-words.txt")
ENGLISH_WORDS = frozenset(
    word
    for line in WORDS_FILE.read_text().splitlines()
    if not line.startswith("#")
    for word in line.split()
)
_WORD = re.compile(r"[A-Za-zÀ-ÿ']+")


def english_words(text: str) -> set[str]:
    """The English-only words of ``text``; identifiers (with ``_``, in « » or {…}) and HTTP
    header names (``Idempotency-Key``) are skipped."""
    text = re.sub(r"«[^»]*»|\S*_\S*|\{[^}]*\}|\b[A-Z]\w*-[A-Z]\w*", " ", text)
    return {word for word in (w.lower() for w in _WORD.findall(text)) if word in ENGLISH_WORDS}
