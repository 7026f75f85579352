"""Who is asking: the person themselves, a relative or a professional."""

from __future__ import annotations

import re
from typing import Optional, Tuple

ROLES = ("self", "relative", "professional")

# Whom a relative writes about. Not parents: a young person in a gang writes "min mor".
_MEMBER_WORDS = (
    "søn|son|dreng|pige|barn|datter|bror|broder|lillebror|storebror|søster|soster|"
    "storesøster|storesoster|lillesøster|lillesoster|kæreste|kaereste|kone|hustru|ven|"
    "veninde|bedste ven|kammerat|fætter|faetter|kusine|nevø|nevoe|niece|barnebarn|onkel"
)
_MEMBER = rf"(?:{_MEMBER_WORDS}|mand|egen søn|egen datter)"
# What a relative calls themselves: also the parents and the rest of the family.
_KIN = (
    rf"(?:{_MEMBER_WORDS}|mor|far|forælder|foraelder|mormor|farmor|morfar|farfar|bedstemor|"
    r"bedstefar|oldemor|moster|faster|tante|stedfar|stedmor|papfar|papmor|plejemor|plejefar)"
)
_RELATIVE = (
    rf"\b(?:min|mit|vores) (?:\w+s |){_MEMBER}\b|"  # also "min datters kæreste"
    rf"\bjeg er (?:hans |hendes |deres |)(?:{_KIN}|pårørende|paarorende|parorende)\b|"
    rf"\b(?:spørger|spoerger|skriver) (?:for|på vegne af|paa vegne af) (?:en|et|min|mit) "
    rf"(?:{_KIN}|barn|dreng|pige)\b|"
    rf"^\W*{_KIN} her\b|\bsom (?:{_KIN}|pårørende|paarorende)\b"
)
_PROFESSION = (
    r"(?:[\w-]*lærer|[\w-]*laerer|underviser|pædagog|paedagog|socialrådgiver|socialraadgiver|"
    r"sagsbehandler|[\w-]*kontaktperson|sskpk|ssp|[\w-]*medarbejder|[\w-]*konsulent|"
    r"psykolog|[\w-]*vejleder|[\w-]*behandler|skoleleder|klubleder|afdelingsleder|træner|traener|"
    r"mentor for|fagperson|ansat)"
)
_PROFESSIONAL = (
    r"(?:en|min|vores) (?:elev|elever|borger|klient|kursist|ung jeg arbejder med|"
    r"dreng jeg arbejder med)|"
    rf"\bjeg er (?:\w+ |)(?:{_PROFESSION})\b|^\W*(?:\w+ |){_PROFESSION} her\b|"
    r"på (?:min|vores) skole|i mit arbejde|i kraft af mit (?:job|arbejde)|som fagperson|"
    r"en af mine (?:elever|borgere|unge)|jeg er fagligt|"
    r"jeg arbejder (?:i|på|som|med (?:unge|udsatte))|\b(?:eleven|borgeren|klienten)\b"
)
_SELF = (
    r"\bjeg (?:vil|vil gerne|skal|må|maa|overvejer at) (?:ud|væk|vaek|stoppe|forlade)|"
    r"(?:det er|det handler om|spørger|spoerger|skriver) (?:for |om )?mig selv|"
    r"\bfor mig selv\b|^\W*mig selv\W*$|\bdet (?:gælder|gaelder) mig\b|"
    r"\bjeg er (?:den|ham) (?:det|der|som) (?:handler om|gælder)\b|"
    r"\bdet er mig (?:der|som) er (?:i|med i)\b|\bjeg er selv (?:en del af|med i|i)\b|"
    r"\bmin egen skyld\b"
)

_PATTERNS = [
    ("relative", re.compile(_RELATIVE, re.IGNORECASE)),
    ("professional", re.compile(_PROFESSIONAL, re.IGNORECASE)),
    ("self", re.compile(_SELF, re.IGNORECASE)),
]


def detect_role(text: str) -> Optional[Tuple[str, int, int]]:
    """The role a message reveals, with the span that reveals it; the earliest match wins."""
    best: Optional[Tuple[str, int, int]] = None
    for role, pattern in _PATTERNS:
        match = pattern.search(text)
        if match and (best is None or match.start() < best[1]):
            best = (role, match.start(), match.end())
    return best
