"""Bookings as units of work: book, find, cancel, move, list, erase and purge."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Any, Callable, Dict, List, Optional

import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from bot.bookings import contact_points, crypto, references
from bot.bookings.db import session_scope
from bot.bookings.models import Booking, PhoneDraft, PhoneReveal
from bot.config import TIMEZONE

STATUSES = ("pending", "cancelled", "done")


class SlotFull(Exception):
    """Every seat of the wanted slot is taken."""


class UnknownBooking(LookupError):
    pass


class MissingPhone(Exception):
    """The form's phone draft is gone (erased or never given)."""


@dataclass(frozen=True)
class BookingView:
    """A booking as the dialogue and the staff see it; the phone stays encrypted."""

    reference: str
    status: str
    role: str
    contact_point: str
    callback_at: datetime
    created_at: datetime
    summary: Dict[str, Any]

    def as_json(self, phone: Optional[str]) -> Dict[str, Any]:
        return {
            "reference": self.reference, "status": self.status, "role": self.role,
            "contact_point": self.contact_point,
            "callback_at": self.callback_at.astimezone(TIMEZONE).isoformat(),
            "phone": phone,
            "created_at": self.created_at.astimezone(TIMEZONE).isoformat(),
            "summary": self.summary,
        }


def as_utc(moment: datetime) -> datetime:
    """SQLite hands back naive datetimes; everything is stored in UTC."""
    if moment.tzinfo is None:
        return moment.replace(tzinfo=timezone.utc)
    return moment.astimezone(timezone.utc)


def conversation_hash(conversation_id: str) -> str:
    # Links a booking to its chat for erasure without storing the chat's id itself.
    return hashlib.sha256(f"exitbot:{conversation_id}".encode()).hexdigest()


def _view(row: Booking) -> BookingView:
    summary = json.loads(crypto.decrypt(row.summary_encrypted)) if row.summary_encrypted else {}
    return BookingView(reference=row.reference, status=row.status, role=row.role,
                       contact_point=row.contact_point, callback_at=as_utc(row.callback_at),
                       created_at=as_utc(row.created_at), summary=summary)


# --- the phone number between the form's question and the booking ---

def save_phone_draft(conversation_id: str, phone: str) -> None:
    key = conversation_hash(conversation_id)
    with session_scope() as session:
        draft = session.get(PhoneDraft, key)
        if draft is None:
            session.add(PhoneDraft(conversation_hash=key, phone_encrypted=crypto.encrypt(phone)))
        else:
            draft.phone_encrypted = crypto.encrypt(phone)


def has_phone_draft(conversation_id: str) -> bool:
    with session_scope() as session:
        return session.get(PhoneDraft, conversation_hash(conversation_id)) is not None


def discard_phone_draft(conversation_id: str) -> None:
    with session_scope() as session:
        session.execute(sa.delete(PhoneDraft).where(
            PhoneDraft.conversation_hash == conversation_hash(conversation_id)))


# --- booking ---

def taken_seats(contact_point_id: str, start: datetime, end: datetime) -> Dict[datetime, int]:
    """How many seats are taken in each slot between start and end."""
    with session_scope() as session:
        rows = session.execute(
            sa.select(Booking.callback_at, sa.func.count())
            .where(Booking.contact_point == contact_point_id, Booking.seat.isnot(None),
                   Booking.callback_at >= start.astimezone(timezone.utc),
                   Booking.callback_at < end.astimezone(timezone.utc))
            .group_by(Booking.callback_at)
        ).all()
    return {as_utc(at): count for at, count in rows}


def _claim_seat(attempt: Callable[[Any, int], BookingView], capacity: int) -> BookingView:
    """Tries each seat of a slot in its own transaction; the unique constraint arbitrates.

    Savepoints would be lighter, but SQLite's driver does not honour them reliably.
    """
    for seat in range(capacity):
        try:
            with session_scope() as session:
                return attempt(session, seat)
        except IntegrityError:
            continue
    raise SlotFull()


def book(conversation_id: str, role: str, contact_point_id: str, slot_start: datetime,
         summary: Dict[str, Any]) -> BookingView:
    """Books a seat with the phone from the conversation's draft; the draft is then removed."""
    point = contact_points.get(contact_point_id)
    key = conversation_hash(conversation_id)
    summary_encrypted = crypto.encrypt(json.dumps(summary))

    def attempt(session, seat: int) -> BookingView:
        draft = session.get(PhoneDraft, key)
        if draft is None:
            raise MissingPhone()
        row = Booking(reference=references.new_reference(), status="pending", role=role,
                      contact_point=point.id, callback_at=slot_start.astimezone(timezone.utc),
                      seat=seat, phone_encrypted=draft.phone_encrypted,
                      summary_encrypted=summary_encrypted, conversation_hash=key,
                      created_at=datetime.now(timezone.utc))
        session.add(row)
        session.delete(draft)
        session.flush()
        return _view(row)

    # 32^8 references: a collision is rare, but it would look like a full slot, so retry.
    for _ in range(3):
        try:
            return _claim_seat(attempt, point.capacity)
        except SlotFull:
            if not _reference_collision_possible(point.id, slot_start, point.capacity):
                raise
    raise SlotFull()


def _reference_collision_possible(contact_point_id: str, start: datetime, capacity: int) -> bool:
    taken = taken_seats(contact_point_id, start, start + timedelta(seconds=1))
    return sum(taken.values()) < capacity


def find(reference: str) -> Optional[BookingView]:
    with session_scope() as session:
        row = session.execute(sa.select(Booking).where(
            Booking.reference == reference.upper())).scalar_one_or_none()
        return _view(row) if row else None


def set_status(reference: str, status: str) -> BookingView:
    if status not in STATUSES:
        raise ValueError(status)
    with session_scope() as session:
        row = session.execute(sa.select(Booking).where(
            Booking.reference == reference.upper())).scalar_one_or_none()
        if row is None:
            raise UnknownBooking(reference)
        row.status = status
        if status != "pending":
            row.finished_at = datetime.now(timezone.utc)
        if status == "cancelled":
            row.seat = None  # frees the seat for someone else
        return _view(row)


def cancel(reference: str) -> BookingView:
    return set_status(reference, "cancelled")


def move(reference: str, new_start: datetime) -> BookingView:
    with session_scope() as session:
        row = session.execute(sa.select(Booking).where(
            Booking.reference == reference.upper())).scalar_one()
        point = contact_points.get(row.contact_point)

    def attempt(session, seat: int) -> BookingView:
        row = session.execute(sa.select(Booking).where(
            Booking.reference == reference.upper())).scalar_one()
        row.callback_at = new_start.astimezone(timezone.utc)
        row.seat = seat
        session.flush()
        return _view(row)

    return _claim_seat(attempt, point.capacity)


def list_bookings(status: Optional[str] = None, contact_point: Optional[str] = None
                  ) -> List[BookingView]:
    """Newest first."""
    query = sa.select(Booking).order_by(Booking.created_at.desc(), Booking.id.desc())
    if status:
        query = query.where(Booking.status == status)
    if contact_point:
        query = query.where(Booking.contact_point == contact_point)
    with session_scope() as session:
        return [_view(row) for row in session.execute(query).scalars()]


def phone_of(reference: str, staff_user: str = "cli") -> Optional[str]:
    """Decrypts a booking's phone number and writes who saw it to the audit log."""
    with session_scope() as session:
        row = session.execute(sa.select(Booking).where(
            Booking.reference == reference.upper())).scalar_one_or_none()
        if row is None:
            raise UnknownBooking(reference)
        if row.phone_encrypted is None:
            return None
        session.add(PhoneReveal(reference=row.reference, staff_user=staff_user))
        return crypto.decrypt(row.phone_encrypted)


def reveals(reference: str) -> List[Dict[str, Any]]:
    with session_scope() as session:
        rows = session.execute(sa.select(PhoneReveal).where(
            PhoneReveal.reference == reference.upper()).order_by(PhoneReveal.id)).scalars()
        return [{"staff_user": r.staff_user, "revealed_at": as_utc(r.revealed_at).isoformat()}
                for r in rows]


# --- privacy ---

def erase_conversation(conversation_id: str) -> List[str]:
    """Removes the phone draft and the personal data of the chat's bookings not done yet.

    A pending booking is cancelled with it (no number, no call). Returns their references.
    """
    key = conversation_hash(conversation_id)
    with session_scope() as session:
        session.execute(sa.delete(PhoneDraft).where(PhoneDraft.conversation_hash == key))
        rows = session.execute(sa.select(Booking).where(
            Booking.conversation_hash == key, Booking.status == "pending")).scalars().all()
        for row in rows:
            row.phone_encrypted = None
            row.summary_encrypted = None
            row.status = "cancelled"
            row.seat = None
            row.finished_at = datetime.now(timezone.utc)
        return [row.reference for row in rows]


def purge(older_than_days: int, now: Optional[datetime] = None) -> Dict[str, int]:
    """Deletes finished bookings and stale phone drafts older than the given number of days."""
    cutoff = (now or datetime.now(timezone.utc)) - timedelta(days=older_than_days)
    with session_scope() as session:
        bookings = session.execute(sa.delete(Booking).where(
            Booking.status != "pending", Booking.finished_at < cutoff)).rowcount
        drafts = session.execute(sa.delete(PhoneDraft).where(
            PhoneDraft.created_at < cutoff)).rowcount
        audit = session.execute(sa.delete(PhoneReveal).where(
            PhoneReveal.revealed_at < cutoff)).rowcount
    return {"bookings": bookings, "phone_drafts": drafts, "phone_reveals": audit}
