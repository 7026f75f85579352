"""Retention: `purge --older-than DAYS` deletes old conversations and finished bookings."""

import json
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta

from bot import ROOT
from bot.bookings import service
from bot.config import TIMEZONE
from bot.safety.retention import purge_conversations


def make_tracker_db(path, conversations):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE events (id INTEGER PRIMARY KEY, sender_id TEXT, type_name TEXT, "
                   "timestamp REAL, intent_name TEXT, action_name TEXT, data TEXT)")
        for sender, age_days in conversations:
            stamp = time.time() - age_days * 86400
            for offset in (0, 60):
                db.execute("INSERT INTO events (sender_id, type_name, timestamp, data) "
                           "VALUES (?, 'user', ?, ?)",
                           (sender, stamp + offset, json.dumps({"text": "hej"})))


def senders(path):
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT DISTINCT sender_id FROM events")}


def test_conversations_older_than_the_cutoff_are_deleted_whole(tmp_path):
    path = tmp_path / "tracker.db"
    make_tracker_db(path, [("old", 31), ("recent", 2), ("edge", 29.9)])
    assert purge_conversations(30, url=f"sqlite:///{path}") == 1
    assert senders(path) == {"recent", "edge"}


def test_purge_command_reports_and_deletes(bookings_db, tmp_path, monkeypatch):
    tracker = tmp_path / "tracker.db"
    make_tracker_db(tracker, [("old", 40), ("recent", 1)])
    service.save_phone_draft("done-chat", "+4520304050")
    booking = service.book("done-chat", "self", "national_exit",
                           datetime.now(TIMEZONE) + timedelta(days=1), {})
    service.set_status(booking.reference, "done")
    env = {"EXITBOT_DB_URL": bookings_db, "EXITBOT_TRACKER_DB_URL": f"sqlite:///{tracker}",
           "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "bot", "purge", "--older-than", "30"],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "1 conversations" in done.stdout and "0 bookings" in done.stdout
    assert senders(tracker) == {"recent"}
    # A booking finished today is kept until it is old enough.
    done = subprocess.run([sys.executable, "-m", "bot", "purge", "--older-than", "0"],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    assert "1 bookings" in done.stdout
    assert service.find(booking.reference) is None


def test_unknown_reference_exits_1_with_a_clear_message(bookings_db):
    env = {"EXITBOT_DB_URL": bookings_db, "PATH": "/usr/bin:/bin"}
    done = subprocess.run([sys.executable, "-m", "bot", "bookings", "done", "ABCD-2345"],
                          env=env, cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 1 and "No booking has the reference" in done.stderr
