"""Recognises messages that need the crisis numbers before anything else."""

from __future__ import annotations

import re
from typing import Optional

DANGER = "crisis_danger"
SUICIDE = "crisis_suicide"

_SUICIDE = re.compile(
    r"selvmord|tage mit eget liv|ta mit eget liv|slå mig selv ihjel|vil ikke leve|"
    r"skære i mig selv|cutte|dø nu|vil dø\b(?! af grin)",
    re.IGNORECASE,
)
_DANGER = re.compile(
    r"står udenfor|står uden for|truer med at|truet på livet|følger efter mig|"
    r"er efter mig|vil slå mig ihjel|slå mig ihjel|har en kniv|har et våben|"
    r"bliver slået|blir slået|banker mig|skyder",
    re.IGNORECASE,
)


def classify(text: str) -> Optional[str]:
    """`crisis_suicide`, `crisis_danger` or None; suicide wins when both appear."""
    if _SUICIDE.search(text):
        return SUICIDE
    if _DANGER.search(text):
        return DANGER
    return None


def mentions_minor(text: str) -> bool:
    return bool(re.search(r"jeg er (?:kun )?1[0-7]\b", text, re.IGNORECASE))
