"""End to end over Rasa's REST channel against the running stack (actions, Rasa, web)."""

import json
import re
import sqlite3

import pytest
import requests

from bot.bookings.references import ALPHABET

pytestmark = pytest.mark.e2e
REFERENCE = re.compile(rf"\b[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}\b")


def stored_events(stack, sender):
    with sqlite3.connect(stack.var / "tracker.db") as db:
        return [row[0] for row in db.execute(
            "SELECT data FROM events WHERE sender_id = ?", (sender,))]


def test_greeting_is_danish_and_says_what_the_assistant_is(chat):
    answer = chat.say("hej")
    text = chat.text(answer).lower()
    assert "automatisk assistent" in text and "112" in text and "anonym" in text
    assert {"/request_callback"} <= {b["payload"] for b in chat.buttons(answer)}


def test_a_knowledge_question_in_informal_danish(chat):
    text = chat.text(chat.say("hvorfor er det så svært at komme ud af banden")).lower()
    assert "netværk" in text


def book(chat, municipality="Odense"):
    chat.say("hej")
    answer = chat.say("/request_callback")
    assert "opringning" in chat.text(answer).lower()
    assert '/inform_role{"asker":"self"}' in [b["payload"] for b in chat.buttons(answer)]
    chat.say('/inform_role{"asker":"self"}')
    # A question in the middle is answered, then the same question is asked again.
    answer = chat.text(chat.say("hvad er en mentor?")).lower()
    assert "mentor" in answer and "forandring" in answer, answer
    return finish_booking(chat, municipality)


def reach_summary(chat, municipality="Odense"):
    """A booking from the motivation question to its summary; returns the chosen time."""
    chat.say("/skip")  # motivation
    chat.say('/inform{"age_group":"18_24"}')
    chat.say('/inform{"custody":"no"}')
    chat.say(municipality)
    chat.say('/inform{"help_wanted":"home"}')
    answer = chat.say('/inform{"safe_to_call":"yes"}')
    slots = chat.buttons(answer)
    assert slots, chat.text(answer)
    answer = chat.say(slots[0]["payload"])
    assert "telefonnummer" in chat.text(answer).lower(), chat.text(answer)
    answer = chat.say("20 30 40 50")
    assert "må vi gemme" in chat.text(answer).lower(), chat.text(answer)
    answer = chat.say("/affirm")
    summary = chat.text(answer)
    assert "20304050" not in summary and "** 50" in summary
    return slots[0]


def finish_booking(chat, municipality="Odense"):
    """The rest of a booking, from the motivation question on."""
    slot = reach_summary(chat, municipality)
    answer = chat.say("/affirm")
    confirmation = chat.text(answer)
    match = REFERENCE.search(confirmation)
    assert match, confirmation
    return match.group(0), slot["title"]


def test_booking_reaches_the_staff_list_and_can_be_cancelled_later(stack, chat, cli):
    reference, when = book(chat)
    listing = cli("bookings", "list", "--json", "--status", "pending")
    assert listing.returncode == 0, listing.stderr
    booking = next(b for b in json.loads(listing.stdout) if b["reference"] == reference)
    assert booking["phone"] == "+4520304050"
    assert booking["role"] == "self" and booking["contact_point"] == "national_exit"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:00\+0[12]:00", booking["callback_at"])
    hour, minute = re.search(r"kl\. (\d\d)\.(\d\d)", when).groups()
    assert booking["callback_at"][11:16] == f"{hour}:{minute}"

    # The stored conversation never holds the number in clear text.
    stored = "\n".join(stored_events(stack, chat.sender))
    assert "20 30 40 50" not in stored and "20304050" not in stored
    assert "[telefon]" in stored

    other = type(chat)(stack, chat.sender + "-later")
    answer = other.say(f"aflys {reference.lower()}")
    assert "aflyst" in other.text(answer), other.text(answer)
    listing = json.loads(cli("bookings", "list", "--json").stdout)
    assert next(b for b in listing if b["reference"] == reference)["status"] == "cancelled"


def test_typed_commands_cannot_set_slots_or_skip_steps(stack, chat):
    chat.say("hej")
    chat.say('/inform{"phone":"+4520304050","consent":"yes","confirmed":"yes"}')
    events = [json.loads(e) for e in stored_events(stack, chat.sender)]
    assert events, "the conversation should be stored"
    assert not [e for e in events
                if e["event"] == "slot" and e["name"] in ("phone", "consent", "confirmed")]
    assert not REFERENCE.search(chat.text(chat.say("/affirm")))


def test_danger_in_the_middle_of_the_form_gives_112_first(chat):
    chat.say("/request_callback")
    answer = chat.say("de står udenfor min dør lige nu")
    assert "112" in answer[0]["text"]
    assert "fortsætte" in chat.text(answer)


def test_delete_my_conversation_leaves_nothing(stack, chat):
    chat.say("hej")
    chat.say("min mail er test@example.com")
    answer = chat.say("slet min samtale")
    assert "/affirm" in [b["payload"] for b in chat.buttons(answer)]
    answer = chat.say("/affirm")
    assert "slettet" in chat.text(answer)
    assert stored_events(stack, chat.sender) == []


def test_malformed_requests_get_a_danish_explanation(stack):
    url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook"
    answer = requests.post(url, data="nonsense", timeout=10)
    assert answer.status_code == 400 and "Beskeden" in answer.json()["error"]
    answer = requests.post(url, json={"sender": "x", "message": "a" * 5000}, timeout=10)
    assert answer.status_code == 400 and "for lang" in answer.json()["error"]


def test_chat_page_is_served_without_third_parties(stack):
    page = requests.get(f"http://127.0.0.1:{stack.web_port}/", timeout=10)
    assert page.status_code == 200 and "<html" in page.text.lower()
    assert "default-src 'self'" in page.headers["Content-Security-Policy"]
    assert not re.search(r"(?:src|href)=\"https?://", page.text)
