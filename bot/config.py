"""Settings of the embedded default, each overridable by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path
from zoneinfo import ZoneInfo

from bot import ROOT

TIMEZONE = ZoneInfo("Europe/Copenhagen")
VAR = Path(os.environ.get("EXITBOT_VAR", ROOT / "var"))

# Bookings and the conversation store are separate databases: erasing one never touches the other.
BOOKINGS_DB_URL = os.environ.get("EXITBOT_DB_URL", f"sqlite:///{VAR / 'bookings.db'}")
TRACKER_DB_URL = os.environ.get("EXITBOT_TRACKER_DB_URL", f"sqlite:///{VAR / 'tracker.db'}")
# The key that encrypts phone numbers lives outside the database (a file, or the variable).
KEY_FILE = Path(os.environ.get("EXITBOT_KEY_FILE", VAR / "secret.key"))
CONTACT_POINTS_FILE = Path(os.environ.get("EXITBOT_CONTACT_POINTS",
                                          ROOT / "config" / "contact_points.yml"))

CONVERSATION_RETENTION_DAYS = 30
FINISHED_BOOKING_RETENTION_DAYS = 90
BOOKING_HORIZON_DAYS = 14


def bookings_db_url() -> str:
    """Read at call time so tests and the scale profile can point elsewhere."""
    return os.environ.get("EXITBOT_DB_URL", BOOKINGS_DB_URL)


def tracker_db_url() -> str:
    return os.environ.get("EXITBOT_TRACKER_DB_URL", TRACKER_DB_URL)
