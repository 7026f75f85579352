"""bookings, phone drafts and the phone reveal audit log

Revision ID: 0001
Revises:
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "bookings",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(9), nullable=False, unique=True),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("role", sa.String(16), nullable=False),
        sa.Column("contact_point", sa.String(64), nullable=False),
        sa.Column("callback_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("seat", sa.Integer, nullable=True),
        sa.Column("phone_encrypted", sa.Text, nullable=True),
        sa.Column("summary_encrypted", sa.Text, nullable=True),
        sa.Column("conversation_hash", sa.String(64), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.UniqueConstraint("contact_point", "callback_at", "seat", name="uq_booking_seat"),
    )
    op.create_index("ix_bookings_status", "bookings", ["status"])
    op.create_index("ix_bookings_contact_point", "bookings", ["contact_point"])
    op.create_index("ix_bookings_conversation_hash", "bookings", ["conversation_hash"])
    op.create_table(
        "phone_drafts",
        sa.Column("conversation_hash", sa.String(64), primary_key=True),
        sa.Column("phone_encrypted", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "phone_reveals",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("reference", sa.String(9), nullable=False),
        sa.Column("staff_user", sa.String(128), nullable=False),
        sa.Column("revealed_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_index("ix_phone_reveals_reference", "phone_reveals", ["reference"])


def downgrade():
    op.drop_table("phone_reveals")
    op.drop_table("phone_drafts")
    op.drop_table("bookings")
