"""Who wrote to whom, and what kind of document it is, read from the heading.

FRUS headings name sender and recipient in a fixed form: "The Ambassador in China
(Gauss) to the Secretary of State", "Memorandum by the Acting Secretary of State (Grew)
to President Truman", "Memorandum of Conversation, by the Secretary of State".
"""

from __future__ import annotations

import re

# Checked in this order against the source note, then the heading; first hit wins.
GENRES = (
    ("telegram", "telegram"), ("airgram", "airgram"), ("aide-mémoire", "aide-mémoire"),
    ("aide-memoire", "aide-mémoire"), ("memorandum of conversation", "memorandum of conversation"),
    ("memorandum", "memorandum"), ("despatch", "despatch"), ("dispatch", "despatch"),
    ("instruction", "instruction"), ("circular", "circular"), ("minutes", "minutes"),
    ("letter", "letter"), ("note", "note"), ("report", "report"), ("message", "message"),
    ("statement", "statement"), ("agreement", "agreement"), ("editorial note", "editorial note"),
)
_LEADING_NUMBER_RE = re.compile(r"^\s*(?:No\.\s*)?\d+[A-Za-z]?\.\s+")
_BY_RE = re.compile(r"^(?P<genre>[^()]*?),?\s+(?:by|from)\s+(?P<rest>.+)$", re.IGNORECASE)
_GENRE_HEAD_RE = re.compile(
    r"^(?:memorandum|letter|telegram|note|message|despatch|instruction|aide-m[ée]moire|"
    r"circular|airgram|report|minutes|statement)", re.IGNORECASE)


def genre_of(source_note: str | None, heading: str) -> str:
    """The kind of document ("telegram", "memorandum" …), or "document" when unknown."""
    # The source line names the form after the file number: "761.94/7–2145: Telegram".
    if source_note:
        tail = source_note.split(":", 1)[1] if ":" in source_note else ""
        for word, genre in GENRES:
            if word in tail.lower():
                return genre
    start = _LEADING_NUMBER_RE.sub("", heading).lower()
    for word, genre in GENRES:
        if start.startswith(word):
            return genre
    if source_note and "telegram" in source_note.lower():
        return "telegram"
    return "document"


def _split_top_level(text: str, sep: str) -> tuple[str, str] | None:
    """Split at the first `sep` standing outside parentheses."""
    depth = 0
    for i, ch in enumerate(text):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(sep, i):
            return text[:i], text[i + len(sep):]
    return None


def clean_party(text: str) -> str:
    """A sender or recipient as an index lists it: no leading article, no trailing dot."""
    text = " ".join(text.split()).strip(" ,.;:")
    text = re.sub(r"^(?:the|The)\s+", "", text)
    return text[:1].upper() + text[1:] if text else text


def split_correspondents(heading: str) -> tuple[str | None, str | None]:
    """(sender, recipient) from a FRUS heading; None where the heading does not say."""
    text = _LEADING_NUMBER_RE.sub("", " ".join(heading.split()))
    sender_part: str | None = text
    recipient: str | None = None
    split = _split_top_level(text, " to ")
    if split:
        sender_part, recipient = split
    by = _BY_RE.match(sender_part) if sender_part else None
    if by and _GENRE_HEAD_RE.match(by.group("genre")):
        sender_part = by.group("rest")
    elif sender_part and _GENRE_HEAD_RE.match(sender_part):
        # "Memorandum to the President" or "Editorial Note": no sender named.
        sender_part = None
    if not split and not by:
        return None, None
    sender = clean_party(sender_part) if sender_part else None
    return sender or None, clean_party(recipient) if recipient else None


def person_key(party: str) -> str:
    """How the persons index sorts a party: the name in parentheses, a Mr. or Mrs. by
    surname ("Mr. Augustus S. Chase of the Division …" → chase), else the office."""
    names = re.findall(r"\(([^()]+)\)", party)
    if names:
        return names[-1].casefold()
    mister = re.match(r"^(?:Mr|Mrs|Miss|Ms|Dr)\.?\s+(.+?)(?:,|\s+of\s+|$)", party)
    if mister:
        words = [w for w in mister.group(1).split() if w.rstrip(".") not in ("Jr", "Sr")]
        return (words[-1] if words else mister.group(1)).casefold()
    return party.casefold()


def short_party(party: str | None) -> str | None:
    """The short form a citation uses: the name in parentheses, else the office."""
    if not party:
        return None
    names = re.findall(r"\(([^()]+)\)", party)
    return names[-1] if names else party
