"""Phone numbers: parsed with `phonenumbers`, Danish by default, stored as E.164."""

from __future__ import annotations

import re
from typing import Optional

import phonenumbers

DEFAULT_REGION = "DK"


def parse_phone(text: str) -> Optional[str]:
    """E.164 for a valid number in the text (e.g. "+4512345678"), else None."""
    candidate = re.sub(r"(?i)^(?:mit nummer er|nummer|tlf\.?|telefon|ring på|ring til)\s*:?\s*",
                       "", (text or "").strip())
    if candidate.startswith("00"):
        candidate = "+" + candidate[2:]
    try:
        number = phonenumbers.parse(candidate, DEFAULT_REGION)
    except phonenumbers.NumberParseException:
        return None
    if not phonenumbers.is_valid_number(number):
        return None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def mask_phone(e164: str) -> str:
    """What the conversation may show: the last two digits only."""
    return f"{e164[:3]} ** ** ** {e164[-2:]}" if e164.startswith("+45") else f"+** … {e164[-2:]}"
