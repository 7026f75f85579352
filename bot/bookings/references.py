"""Booking references: eight characters without look-alikes, shown as K7QM-4XRT."""

from __future__ import annotations

import re
import secrets
from typing import Optional

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
_PATTERN = re.compile(rf"\b([{ALPHABET}]{{4}})[- ]?([{ALPHABET}]{{4}})\b", re.IGNORECASE)


def new_reference() -> str:
    code = "".join(secrets.choice(ALPHABET) for _ in range(8))
    return f"{code[:4]}-{code[4:]}"


def find_reference(text: str) -> Optional[str]:
    """The first reference in a message, upper-cased and hyphenated, or None.

    Without a hyphen a reference must contain a digit, or ordinary words would match.
    """
    for match in _PATTERN.finditer(text or ""):
        if "-" in match.group(0) or any(c.isdigit() for c in match.group(0)):
            return f"{match.group(1)}-{match.group(2)}".upper()
    return None
