"""SQLAlchemy models of the bookings database (schema changes go through Alembic)."""

from __future__ import annotations

from datetime import datetime, timezone

import sqlalchemy as sa
from sqlalchemy.orm import declarative_base

Base = declarative_base()


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Booking(Base):
    __tablename__ = "bookings"
    __table_args__ = (
        # A seat is one unit of a slot's capacity. Cancelling frees the seat (NULL never
        # collides), so the database itself refuses a slot booked beyond capacity.
        sa.UniqueConstraint("contact_point", "callback_at", "seat", name="uq_booking_seat"),
    )

    id = sa.Column(sa.Integer, primary_key=True)
    reference = sa.Column(sa.String(9), nullable=False, unique=True)
    status = sa.Column(sa.String(16), nullable=False, default="pending", index=True)
    role = sa.Column(sa.String(16), nullable=False)
    contact_point = sa.Column(sa.String(64), nullable=False, index=True)
    callback_at = sa.Column(sa.DateTime(timezone=True), nullable=False)
    seat = sa.Column(sa.Integer, nullable=True)
    phone_encrypted = sa.Column(sa.Text, nullable=True)  # NULL once erased
    summary_encrypted = sa.Column(sa.Text, nullable=True)
    conversation_hash = sa.Column(sa.String(64), nullable=True, index=True)
    created_at = sa.Column(sa.DateTime(timezone=True), nullable=False, default=utcnow)
    finished_at = sa.Column(sa.DateTime(timezone=True), nullable=True)


class PhoneDraft(Base):
    """The phone number between the form's phone question and the booking; never in the chat."""

    __tablename__ = "phone_drafts"

    conversation_hash = sa.Column(sa.String(64), primary_key=True)
    phone_encrypted = sa.Column(sa.Text, nullable=False)
    created_at = sa.Column(sa.DateTime(timezone=True), nullable=False, default=utcnow)


class PhoneReveal(Base):
    """Audit log: which staff member was shown which booking's phone number, and when."""

    __tablename__ = "phone_reveals"

    id = sa.Column(sa.Integer, primary_key=True)
    reference = sa.Column(sa.String(9), nullable=False, index=True)
    staff_user = sa.Column(sa.String(128), nullable=False)
    revealed_at = sa.Column(sa.DateTime(timezone=True), nullable=False, default=utcnow)
