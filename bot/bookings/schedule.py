"""Callback slots: inside a contact point's hours, in the future, within the horizon."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Iterator, List, Optional

from bot.bookings import service
from bot.bookings.contact_points import DANISH_WEEKDAYS, ContactPoint
from bot.bookings.timeparse import Wish
from bot.config import BOOKING_HORIZON_DAYS, TIMEZONE

MIN_NOTICE = timedelta(minutes=30)  # nobody can be called back within half an hour


@dataclass
class SlotChoice:
    slot: Optional[datetime] = None
    reason: str = ""
    alternatives: List[datetime] = field(default_factory=list)


def slot_label(start: datetime) -> str:
    """E.g. "torsdag 26/11 kl. 10.00" – readable, and parsed back by timeparse."""
    local = start.astimezone(TIMEZONE)
    return f"{DANISH_WEEKDAYS[local.weekday()]} {local.day}/{local.month} kl. {local:%H.%M}"


def _all_slots(point: ContactPoint, now: datetime) -> Iterator[datetime]:
    now = now.astimezone(TIMEZONE)
    for offset in range(BOOKING_HORIZON_DAYS + 1):
        day = now.date() + timedelta(days=offset)
        if day.weekday() not in point.hours:
            continue
        opening, closing = point.hours[day.weekday()]
        start = datetime.combine(day, opening, tzinfo=TIMEZONE)
        end = datetime.combine(day, closing, tzinfo=TIMEZONE)
        while start + timedelta(minutes=point.slot_minutes) <= end:
            if start >= now + MIN_NOTICE and start <= now + timedelta(days=BOOKING_HORIZON_DAYS):
                yield start
            start += timedelta(minutes=point.slot_minutes)


def free_slots(point: ContactPoint, now: datetime) -> List[datetime]:
    slots = list(_all_slots(point, now))
    if not slots:
        return []
    taken = service.taken_seats(point.id, slots[0], slots[-1] + timedelta(minutes=1))
    return [s for s in slots if taken.get(s.astimezone(timezone.utc), 0) < point.capacity]


def nearest_free(point: ContactPoint, now: datetime, n: int = 3,
                 around: Optional[datetime] = None) -> List[datetime]:
    free = free_slots(point, now)
    if around is not None:
        free.sort(key=lambda s: abs(s - around))
    # Offering everyone the same few slots makes people who book at the same moment collide
    # (measured under load); keep the nearest and spread the others over the next few.
    pool = free[: n * 3]
    chosen = pool if len(pool) <= n else [pool[0]] + random.sample(pool[1:], n - 1)
    return sorted(chosen)


def _in_hours(point: ContactPoint, at: datetime) -> bool:
    hours = point.hours.get(at.weekday())
    return bool(hours) and hours[0] <= at.time() and \
        (at + timedelta(minutes=point.slot_minutes)).time() <= hours[1]


def _matches(slot: datetime, wish: Wish) -> bool:
    local = slot.astimezone(TIMEZONE)
    if wish.day and local.date() != wish.day:
        return False
    if wish.exact:
        return local.time() == wish.exact
    if wish.earliest and local.time() < wish.earliest:
        return False
    if wish.latest and local.time() >= wish.latest:
        return False
    return True


def _hours_sentence(point: ContactPoint) -> str:
    return f"{point.name} ringer op {point.hours_text()}."


def find_slot(point: ContactPoint, wish: Wish, now: datetime) -> SlotChoice:
    """The earliest free slot that fits the wish, or why none does plus the nearest free ones."""
    now = now.astimezone(TIMEZONE)
    around = wish.point(now)
    alternatives = nearest_free(point, now, n=3, around=around)
    if wish.day and wish.day < now.date() or (
            wish.day == now.date() and wish.exact and around < now):
        return SlotChoice(reason="Det tidspunkt er allerede passeret.", alternatives=alternatives)
    if wish.day and wish.day > (now + timedelta(days=BOOKING_HORIZON_DAYS)).date():
        return SlotChoice(reason=f"Jeg kan kun bestille op til {BOOKING_HORIZON_DAYS} dage frem.",
                          alternatives=alternatives)
    if wish.day and wish.day.weekday() not in point.hours:
        return SlotChoice(reason=f"Der ringes ikke op om {DANISH_WEEKDAYS[wish.day.weekday()]}en. "
                                 + _hours_sentence(point), alternatives=alternatives)
    if wish.exact and wish.day and not _in_hours(point, datetime.combine(
            wish.day, wish.exact, tzinfo=TIMEZONE)):
        return SlotChoice(reason="Det er uden for åbningstiden. " + _hours_sentence(point),
                          alternatives=alternatives)
    fitting = [s for s in free_slots(point, now) if _matches(s, wish)]
    if fitting:
        return SlotChoice(slot=fitting[0])
    if wish.exact:
        reason = "Den tid er desværre optaget."
    elif wish.earliest or wish.latest:
        reason = "Der er ingen ledig tid i det tidsrum. " + _hours_sentence(point)
    else:
        reason = "Der er ingen ledige tider den dag."
    return SlotChoice(reason=reason, alternatives=alternatives)
