"""Contact points and routing rules, read from config/contact_points.yml."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import time
from functools import lru_cache
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

from bot import config

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DANISH_WEEKDAYS = ("mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag")


@dataclass(frozen=True)
class ContactPoint:
    id: str
    name: str
    kind: str
    hours: Dict[int, Tuple[time, time]]  # weekday (0 = Monday) -> opening, closing
    slot_minutes: int = 30
    capacity: int = 1
    serves: Dict[str, List[str]] = field(default_factory=dict)

    def hours_text(self) -> str:
        """E.g. "mandag–torsdag 10.00–14.00" grouped by equal hours."""
        groups: List[Tuple[List[int], Tuple[time, time]]] = []
        for day in sorted(self.hours):
            if groups and groups[-1][1] == self.hours[day] and groups[-1][0][-1] == day - 1:
                groups[-1][0].append(day)
            else:
                groups.append(([day], self.hours[day]))
        parts = []
        for days, (start, end) in groups:
            names = DANISH_WEEKDAYS[days[0]] + (f"–{DANISH_WEEKDAYS[days[-1]]}"
                                                if len(days) > 1 else "")
            parts.append(f"{names} {start:%H.%M}–{end:%H.%M}")
        return ", ".join(parts)


@dataclass(frozen=True)
class Rule:
    when: Dict[str, List[str]]
    to: str
    reason: str

    def matches(self, facts: Dict[str, Optional[str]]) -> bool:
        return all(facts.get(key) in accepted for key, accepted in self.when.items())


def _parse_hours(raw: Dict[str, str]) -> Dict[int, Tuple[time, time]]:
    hours = {}
    for day, span in raw.items():
        start, end = (time.fromisoformat(part.strip()) for part in span.split("-"))
        if start >= end:
            raise ValueError(f"opening hours {span!r} end before they start")
        hours[WEEKDAYS.index(day)] = (start, end)
    return hours


def _as_strings(when: Dict[str, List]) -> Dict[str, List[str]]:
    """YAML reads an unquoted 18_24 as the number 1824; the facts are always strings."""
    for key, values in when.items():
        if any(not isinstance(v, str) for v in values):
            raise ValueError(f"routing condition {key}: quote every value, e.g. \"18_24\"")
    return when


@lru_cache(maxsize=4)
def load(path: Path = None) -> Tuple[Dict[str, ContactPoint], Tuple[Rule, ...]]:
    data = yaml.safe_load(Path(path or config.CONTACT_POINTS_FILE).read_text(encoding="utf-8"))
    points = {
        raw["id"]: ContactPoint(
            id=raw["id"], name=raw["name"], kind=raw["kind"], hours=_parse_hours(raw["hours"]),
            slot_minutes=int(raw.get("slot_minutes", 30)), capacity=int(raw.get("capacity", 1)),
            serves=raw.get("serves") or {},
        )
        for raw in data["contact_points"]
    }
    rules = tuple(Rule(when=_as_strings(r.get("when") or {}), to=r["to"],
                       reason=" ".join(r["reason"].split()))
                  for r in data["routing"])
    unknown = [r.to for r in rules if r.to not in points]
    if unknown:
        raise ValueError(f"routing points to unknown contact points: {unknown}")
    if not rules or rules[-1].when:
        raise ValueError("the last routing rule must match everything (when: {})")
    return points, rules


def all_contact_points() -> List[ContactPoint]:
    return list(load()[0].values())


def get(contact_point_id: str) -> ContactPoint:
    return load()[0][contact_point_id]


def route(role: str = "self", age_group: Optional[str] = None, custody: Optional[str] = None,
          municipality: Optional[str] = None) -> Tuple[ContactPoint, str]:
    """The contact point for these circumstances, and one sentence saying why."""
    points, rules = load()
    facts = {"role": role, "age_group": age_group, "custody": custody,
             "municipality": municipality}
    rule = next(r for r in rules if r.matches(facts))
    return points[rule.to], rule.reason
