"""Bookings on a real database: seats, capacity under concurrency, encryption, erasure, purge."""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone

import pytest
import sqlalchemy as sa

from bot.bookings import contact_points, references, schedule, service
from bot.bookings.db import engine
from bot.config import TIMEZONE

SLOT = datetime(2026, 12, 1, 10, 0, tzinfo=TIMEZONE)


def book(conversation, point="national_exit", start=SLOT, phone="+4520304050"):
    service.save_phone_draft(conversation, phone)
    return service.book(conversation, "self", point, start, {"age_group": "18_24"})


def test_reference_format_and_lookup(bookings_db):
    booking = book("c1")
    assert len(booking.reference) == 9 and booking.reference[4] == "-"
    assert set(booking.reference.replace("-", "")) <= set(references.ALPHABET)
    assert service.find(booking.reference.lower()).status == "pending"
    assert references.find_reference(f"aflys {booking.reference.lower()} tak") == booking.reference


def test_phone_is_encrypted_at_rest_and_draft_removed(bookings_db):
    booking = book("c2", phone="+4520304050")
    with engine(bookings_db).connect() as connection:
        rows = connection.execute(sa.text("SELECT phone_encrypted, summary_encrypted "
                                          "FROM bookings")).all()
        drafts = connection.execute(sa.text("SELECT count(*) FROM phone_drafts")).scalar()
    assert "20304050" not in rows[0][0] and "18_24" not in rows[0][1]
    assert drafts == 0
    assert service.phone_of(booking.reference, "anna") == "+4520304050"
    assert service.reveals(booking.reference)[0]["staff_user"] == "anna"


def test_booking_without_phone_draft_is_refused(bookings_db):
    with pytest.raises(service.MissingPhone):
        service.book("nobody", "self", "national_exit", SLOT, {})


def test_capacity_is_never_exceeded(any_bookings_db):
    point = contact_points.get("national_exit")  # capacity 2
    for i in range(point.capacity):
        book(f"full-{i}")
    with pytest.raises(service.SlotFull):
        book("one-too-many")
    assert service.list_bookings(status="pending")[0].contact_point == "national_exit"


def test_cancelling_frees_the_seat(bookings_db):
    first = book("k1", point="kriminalforsorgen")
    with pytest.raises(service.SlotFull):
        book("k2", point="kriminalforsorgen")
    service.cancel(first.reference)
    assert book("k3", point="kriminalforsorgen").status == "pending"


def test_concurrent_bookings_of_one_slot(any_bookings_db):
    point = contact_points.get("national_exit")

    def attempt(i):
        try:
            book(f"rush-{i}")
            return "booked"
        except service.SlotFull:
            return "full"

    with ThreadPoolExecutor(max_workers=8) as pool:
        outcomes = list(pool.map(attempt, range(16)))
    assert outcomes.count("booked") == point.capacity
    assert outcomes.count("full") == 16 - point.capacity
    assert len(service.list_bookings()) == point.capacity


def test_move_keeps_the_reference(bookings_db):
    booking = book("m1")
    moved = service.move(booking.reference, SLOT + timedelta(hours=1))
    assert moved.reference == booking.reference
    assert moved.callback_at == (SLOT + timedelta(hours=1)).astimezone(timezone.utc)


def test_erasure_removes_phone_and_cancels_pending(bookings_db):
    booking = book("e1")
    done = book("e1", start=SLOT + timedelta(hours=2))
    service.set_status(done.reference, "done")
    assert service.erase_conversation("e1") == [booking.reference]
    with engine(bookings_db).connect() as connection:
        phones = dict(connection.execute(sa.text(
            "SELECT reference, phone_encrypted FROM bookings")).all())
    assert phones[booking.reference] is None
    assert phones[done.reference] is not None  # done work is kept until retention
    assert service.find(booking.reference).status == "cancelled"


def test_purge_deletes_only_old_finished_bookings(bookings_db):
    old = book("p1")
    service.set_status(old.reference, "done")
    pending = book("p2", start=SLOT + timedelta(hours=1))
    later = datetime.now(timezone.utc) + timedelta(days=91)
    assert service.purge(90, now=later)["bookings"] == 1
    assert service.find(old.reference) is None
    assert service.find(pending.reference) is not None


def test_free_slots_respect_hours_notice_and_horizon(bookings_db, monday_morning):
    point = contact_points.get("kriminalforsorgen")  # Mon–Thu 10–14
    slots = schedule.free_slots(point, monday_morning)
    assert slots[0] == monday_morning.replace(hour=10)
    assert all(s.weekday() < 4 and 10 <= s.hour < 14 for s in slots)
    assert max(slots) <= monday_morning + timedelta(days=14)
    book("s1", point="kriminalforsorgen", start=slots[0])
    assert schedule.free_slots(point, monday_morning)[0] == slots[1]
