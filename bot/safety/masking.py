"""Masks personal data in text before a conversation is stored."""

from __future__ import annotations

import re
from typing import Any

# Order matters: a CPR number would otherwise be caught as a phone number.
_PATTERNS = [
    ("[CPR]", re.compile(r"\b\d{6}\s?-?\s?\d{4}\b")),
    ("[e-mail]", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("[telefon]", re.compile(r"(?:\+|\b00)\d{1,3}[\s.-]?(?:\d[\s.-]?){6,12}\d\b"
                             r"|\b(?:\d[\s.-]?){7}\d\b")),
]
_ISO_MOMENT = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.+-]+)?")


def mask_text(text: str) -> str:
    if _ISO_MOMENT.fullmatch(text):
        return text  # slot values such as the chosen callback time
    for label, pattern in _PATTERNS:
        text = pattern.sub(label, text)
    return text


def mask(value: Any) -> Any:
    """Masks every string inside a JSON-like value."""
    if isinstance(value, str):
        return mask_text(value)
    if isinstance(value, dict):
        return {key: mask(item) for key, item in value.items()}
    if isinstance(value, list):
        return [mask(item) for item in value]
    return value
