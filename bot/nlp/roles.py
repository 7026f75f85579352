"""Who is asking: the person themselves, a relative or a professional."""

from __future__ import annotations

import re
from typing import Optional, Tuple

ROLES = ("self", "relative", "professional")

_RELATIVE = (
    r"min (?:søn|son|dreng|bror|broder|lillebror|storebror|kæreste|kaereste|mand|"
    r"far|fars?|onkel|fætter|faetter|nevø|barnebarn|datter|søster|soster|veninde|"
    r"kone|ven|bedste ven)|mit barn|vores (?:søn|son|barn|dreng|datter)|"
    r"jeg er (?:hans|hendes) (?:mor|far|søster|soster|bror|kæreste|kaereste|kone)|"
    r"jeg er (?:mor|far|forælder|foraelder|pårørende|paarorende|parorende)\b|"
    r"(?:min|mit) (?:storesøster|storesoster|lillesøster|mormor|farmor|morfar|farfar|nevø)\b|"
    r"som (?:mor|far|forælder|pårørende)"
)
_PROFESSIONAL = (
    r"(?:en|min|vores) (?:elev|elever|borger|klient|kursist|ung jeg arbejder med|"
    r"dreng jeg arbejder med)|jeg er (?:lærer|laerer|pædagog|paedagog|socialrådgiver|"
    r"socialraadgiver|sagsbehandler|kontaktperson|sskpk|ssp|klubmedarbejder|"
    r"gadeplansmedarbejder|psykolog|vejleder|mentor for)|på (?:min|vores) skole|"
    r"i mit arbejde|som fagperson|en af mine (?:elever|borgere|unge)|"
    r"jeg er (?:fagperson|fagligt|ansat)|jeg arbejder (?:i|på|som|med (?:unge|udsatte))|"
    r"\b(?:eleven|borgeren|klienten)\b"
)
_SELF = (
    r"\bjeg (?:vil|vil gerne|skal|må|maa|overvejer at) (?:ud|væk|vaek|stoppe|forlade)|"
    r"(?:det er|det handler om|spørger|spoerger|skriver) (?:for |om )?mig selv|"
    r"\bfor mig selv\b"
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
