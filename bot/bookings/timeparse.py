"""Free Danish time wishes ("i morgen efter kl 15", "torsdag formiddag") as a structured wish.

Dates go through `dateparser` (Danish); the parts it does not know ("på mandag",
"i overmorgen", parts of the day, "efter kl 15") are handled here first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Optional

import dateparser

WEEKDAYS = {"mandag": 0, "tirsdag": 1, "onsdag": 2, "torsdag": 3, "fredag": 4, "lørdag": 5,
            "loerdag": 5, "lordag": 5, "søndag": 6, "soendag": 6, "sondag": 6}
# Parts of the day as people say them, with the hours they usually mean.
PARTS_OF_DAY = {
    "formiddag": (time(9), time(12)), "eftermiddag": (time(12), time(17)),
    "middag": (time(11), time(13)), "aften": (time(17), time(22)),
    "morgen": (time(7), time(10)),
}


@dataclass(frozen=True)
class Wish:
    day: Optional[date] = None
    earliest: Optional[time] = None
    latest: Optional[time] = None
    exact: Optional[time] = None

    def point(self, now: datetime) -> datetime:
        """One moment that stands for the wish, to rank the nearest free slots."""
        day = self.day or now.date()
        at = self.exact or self.earliest or self.latest or time(10)
        return datetime.combine(day, at, tzinfo=now.tzinfo)


def _clock(hour: str, minute: Optional[str] = None) -> Optional[time]:
    h, m = int(hour), int(minute or 0)
    return time(h, m) if 0 <= h <= 23 and 0 <= m <= 59 else None


def _normalise(text: str) -> str:
    text = " ".join((text or "").lower().replace("imorgen", "i morgen").split())
    return text.replace("i morgn", "i morgen").replace("imorn", "i morgen")


def _times(text: str) -> tuple[Optional[time], Optional[time], Optional[time], str]:
    earliest = latest = exact = None
    hour = r"(\d{1,2})(?:[.:](\d{2}))?"
    between = re.search(rf"mellem (?:kl\.? ?)?{hour} og (?:kl\.? ?)?{hour}", text)
    if between:
        earliest, latest = _clock(*between.group(1, 2)), _clock(*between.group(3, 4))
        text = text.replace(between.group(0), " ")
    after = re.search(rf"(?:efter|fra) (?:kl\.? ?|klokken )?{hour}", text)
    if after:
        earliest = _clock(*after.group(1, 2))
        text = text.replace(after.group(0), " ")
    before = re.search(rf"(?:før|foer|inden|til) (?:kl\.? ?|klokken )?{hour}", text)
    if before:
        latest = _clock(*before.group(1, 2))
        text = text.replace(before.group(0), " ")
    at = re.search(rf"(?:kl\.? ?|klokken ){hour}|\b(\d{{1,2}})[.:](\d{{2}})\b", text)
    if at:
        parts = at.group(1, 2) if at.group(1) else at.group(3, 4)
        exact = _clock(*parts)
        text = text.replace(at.group(0), " ")
    for word, (start, end) in PARTS_OF_DAY.items():
        pattern = rf"\b(?:om )?{word}(?:en)?\b" if word != "morgen" else r"\bom morgenen\b"
        if re.search(pattern, text):
            earliest, latest = earliest or start, latest or end
            text = re.sub(pattern, " ", text)
            break
    return earliest, latest, exact, text


def _day(text: str, today: date) -> Optional[date]:
    text = re.sub(r"\b(?:på|paa|på en|næste|naeste|den|d\.|om|kl|i løbet af)\b", " ", text)
    text = " ".join(text.split())
    if not text:
        return None
    if re.search(r"\bi dag\b|\bidag\b", text):
        return today
    if re.search(r"\bi overmorgen\b", text):
        return today + timedelta(days=2)
    if re.search(r"\bi morgen\b", text):
        return today + timedelta(days=1)
    days = re.search(r"\b(\d{1,2}|en|to|tre|fire|fem) dage?\b", text)
    if days:
        count = {"en": 1, "to": 2, "tre": 3, "fire": 4, "fem": 5}.get(days.group(1))
        return today + timedelta(days=count or int(days.group(1)))
    numeric = re.search(r"\b(\d{1,2})\s*[/.-]\s*(\d{1,2})\b", text)
    if numeric:
        day, month = int(numeric.group(1)), int(numeric.group(2))
        try:
            found = date(today.year, month, day)
        except ValueError:
            return None
        return found if found >= today - timedelta(days=60) else date(today.year + 1, month, day)
    for name, weekday in WEEKDAYS.items():
        if re.search(rf"\b{name}\b", text):
            return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)
    parsed = dateparser.parse(text, languages=["da"],
                              settings={"DATE_ORDER": "DMY", "PREFER_DATES_FROM": "future",
                                        "RELATIVE_BASE": datetime.combine(today, time(12))})
    return parsed.date() if parsed else None


def parse_wish(text: str, now: datetime) -> Optional[Wish]:
    """The wish in a message, or None when it names neither a day nor a time."""
    text = _normalise(text)
    earliest, latest, exact, rest = _times(text)
    day = _day(rest, now.date())
    if day is None and not (earliest or latest or exact):
        return None
    return Wish(day=day, earliest=earliest, latest=latest, exact=exact)
