"""The scale profile fails fast and tells the visitor what to do when a part is down."""

import contextlib
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from bot import ROOT
from bot.channels import ACTIONS_DOWN_APOLOGY
from bot.launcher import VENV_BIN, free_port, wait_until_up
from tests.conftest import Chat
from tests.e2e.test_rest_channel import REFERENCE, finish_booking, reach_summary

pytestmark = pytest.mark.scale
MODEL = ROOT / "models" / "exitbot.tar.gz"


def test_rasa_refuses_to_start_when_the_conversation_database_is_unreachable(tmp_path):

    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false",
           "EXITBOT_TRACKER_DB_URL": "postgresql://postgres@127.0.0.1:1/exitbot_tracker"}
    started = time.monotonic()
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(free_port()),
         "--interface", "127.0.0.1", "--endpoints", "endpoints.yml",
         "--credentials", "credentials.yml"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "cannot be reached" in output and "Refusing to start" in output, output[-2000:]
    assert "127.0.0.1:1" in output
    assert elapsed < 180


@contextlib.contextmanager
def actions_down(stack):
    """The action server is stopped inside the block and started again after it."""
    actions = stack.processes[0]
    os.killpg(actions.pid, signal.SIGTERM)
    actions.wait(timeout=30)
    try:
        yield
    finally:
        stack.processes.remove(actions)
        restarted = stack._start("actions", [str(VENV_BIN / "rasa"), "run", "actions",
                                             "--actions", "actions",
                                             "--port", str(stack.actions_port)])
        stack.processes.insert(0, stack.processes.pop())
        wait_until_up(f"http://127.0.0.1:{stack.actions_port}/health", 120, restarted)


def reach_summary_of_a_new_booking(chat):
    chat.say("hej")
    chat.say("/request_callback")
    assert "forandring" in chat.text(chat.say('/inform_role{"asker":"self"}'))
    reach_summary(chat)


def test_actions_down_gives_a_danish_apology_and_the_conversation_resumes(stack):
    chat = Chat(stack, "scale-actions-down")
    chat.say("hej")
    with actions_down(stack):
        # The explanation of the callback is a plain response and still comes; the form that
        # follows cannot start. Without the apology the visitor would wait for a question.
        text = chat.text(chat.say("/request_callback"))
        assert ACTIONS_DOWN_APOLOGY in text
        assert "112" in text and "politiets hjemmeside" in text
        assert "http" not in text  # no invented address
    # The visitor asks again, as the apology asked them to: the form starts, and the booking
    # can be completed in the same conversation.
    answer = chat.say("/request_callback")
    text = chat.text(answer)
    assert ACTIONS_DOWN_APOLOGY not in text and "Hvem skal vi ringe til" in text, answer
    answer = chat.say('/inform_role{"asker":"self"}')
    assert "forandring" in chat.text(answer), answer
    reference, _ = finish_booking(chat)
    assert reference


def test_a_booking_confirmed_while_actions_are_down_is_booked_when_confirmed_again(stack):
    chat = Chat(stack, "scale-actions-down-at-confirm")
    reach_summary_of_a_new_booking(chat)
    with actions_down(stack):
        assert ACTIONS_DOWN_APOLOGY in chat.text(chat.say("/affirm"))
    answer = chat.say("/affirm")
    confirmation = chat.text(answer)
    assert ACTIONS_DOWN_APOLOGY not in confirmation
    assert REFERENCE.search(confirmation), confirmation


def test_a_booking_that_could_not_be_stored_is_stored_when_confirmed_again(stack):
    # "Ja, bestil" closes the form before the booking is stored. When storing fails (here the
    # bookings database is held by another writer past the 30 s busy timeout; in the fault
    # test, Postgres restarting), the visitor's retry must find the form at its summary again,
    # not "Er der andet, jeg kan hjælpe med?" (the fault test's abandoned conversations).
    chat = Chat(stack, "booking-store-fails-at-confirm")
    reach_summary_of_a_new_booking(chat)
    blocker = sqlite3.connect(stack.var / "bookings.db", isolation_level=None)
    try:
        blocker.execute("BEGIN IMMEDIATE")
        failed = chat.text(chat.say("/affirm"))
    finally:
        blocker.close()
    assert ACTIONS_DOWN_APOLOGY in failed and not REFERENCE.search(failed), failed
    confirmation = chat.text(chat.say("/affirm"))
    assert ACTIONS_DOWN_APOLOGY not in confirmation
    assert REFERENCE.search(confirmation), confirmation


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
