"""The booking actions with real Rasa SDK Trackers, CollectingDispatchers and a real database."""

import asyncio
import json
from datetime import datetime, timedelta

import pytest
import yaml
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import (
    ActionBookCallback,
    ActionDeleteConversation,
    ActionManageBooking,
    ActionStopBooking,
    ValidateCallbackForm,
    ValidateManageBookingForm,
)
from bot import ROOT
from bot.bookings import service
from bot.config import TIMEZONE
from bot.dialogue.booking_flow import required_slots

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text())


def tracker(slots=None, text="", intent="inform", entities=None, candidates=None,
            sender="user-1", loop="callback_form"):
    """A tracker right after the form extracted `candidates` from the user's message."""
    slots = {**(slots or {}), **(candidates or {})}
    events = [{"event": "user", "text": text}] + [
        {"event": "slot", "name": name, "value": value}
        for name, value in (candidates or {}).items()
    ]
    return Tracker(sender, slots, {"text": text, "intent": {"name": intent, "confidence": 1.0},
                                   "entities": entities or []},
                   events, False, None, {"name": loop} if loop else {}, "action_listen")


def run(action, tracker_):
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker_, DOMAIN))
    slot_values = {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
    return dispatcher.messages, slot_values, events


SELF = {"role": "self", "motivation": "skipped", "age_group": "18_24", "custody": "no",
        "municipality": "Odense", "help_wanted": "home", "safe_to_call": "yes"}
# As the validators store them, including a multiple choice and a free-text motivation.
ANSWERED = {**SELF, "motivation": "family_duty", "motivation_words": "min datter",
            "keep_motivation_words": "yes", "help_wanted": "home,economy", "is_minor": "no"}


def test_phone_is_normalised_masked_in_the_slot_and_kept_encrypted(bookings_db):
    messages, slots, _ = run(ValidateCallbackForm(), tracker(
        SELF, text="20 30 40 50", candidates={"phone": "20 30 40 50"}))
    assert slots["phone"] == "+45 ** ** ** 50"
    assert slots["requested_slot"] == "callback_time" and messages == []


def test_invalid_phone_twice_explains_and_offers_stop(bookings_db):
    messages, slots, _ = run(ValidateCallbackForm(), tracker(
        SELF, text="123", candidates={"phone": "123"}))
    assert slots["phone"] is None and slots["phone_attempts"] == 1
    assert "telefonnummer" in messages[0]["text"]
    messages, slots, _ = run(ValidateCallbackForm(), tracker(
        {**SELF, "phone_attempts": 1}, text="abc", candidates={"phone": "abc"}))
    assert slots["phone"] is None and slots["phone_attempts"] == 2
    assert messages[0]["buttons"][0]["payload"] == "/stop_form"


def test_time_in_the_past_offers_free_slots_as_buttons(bookings_db):
    messages, slots, _ = run(ValidateCallbackForm(), tracker(
        SELF, text="i går", candidates={"callback_time": "i går"}))
    assert slots["callback_time"] is None
    assert "passeret" in messages[0]["text"]
    assert len(messages[0]["buttons"]) == 3
    # Clicking an offered slot books exactly that time, whatever the NLU thinks of it.
    payload = messages[0]["buttons"][0]["payload"]
    chosen = payload.split('"callback_time":"')[1].rstrip('"}')
    _, slots, _ = run(ValidateCallbackForm(), tracker(
        SELF, text=payload, candidates={"callback_time": chosen}))
    assert slots["callback_time"] == chosen


def test_a_free_time_is_accepted_with_the_routed_contact_point(bookings_db):
    now = datetime.now(TIMEZONE)
    wish = "på " + ["mandag", "tirsdag", "onsdag", "torsdag"][(now.weekday() + 2) % 4]
    messages, slots, _ = run(ValidateCallbackForm(), tracker(
        {**SELF, "custody": "in_custody"}, text=wish, candidates={"callback_time": wish}))
    assert slots["contact_point"] == "kriminalforsorgen"
    start = datetime.fromisoformat(slots["callback_time"])
    assert start > now and start - now <= timedelta(days=14)


def test_unknown_municipality_gets_suggestions(bookings_db):
    messages, slots, _ = run(ValidateCallbackForm(), tracker(
        SELF, text="Silkebrog", candidates={"municipality": "Silkebrog"}))
    assert slots["municipality"] is None
    assert messages[0]["buttons"][0]["title"] == "Silkeborg"
    assert messages[0]["buttons"][0]["payload"] == '/inform{"municipality":"Silkeborg"}'


def test_relative_is_never_asked_about_the_gang_member(bookings_db):
    _, slots, _ = run(ValidateCallbackForm(), tracker(
        {"role": "relative"}, text="Aarhus", candidates={"municipality": "Aarhus"}))
    asked = set(ValidateCallbackForm.required({"role": "relative"}))
    assert not asked & {"age_group", "custody", "motivation", "help_wanted"}
    assert slots["requested_slot"] == "safe_to_call"


def test_booking_is_stored_and_confirmed_with_reference(bookings_db):
    service.save_phone_draft("user-1", "+4520304050")
    start = datetime.now(TIMEZONE).replace(microsecond=0) + timedelta(days=2)
    done = {**SELF, "callback_time": start.isoformat(), "contact_point": "national_exit",
            "phone": "+45 ** ** ** 50", "consent": "yes", "confirmed": "yes"}
    messages, slots, _ = run(ActionBookCallback(), tracker(done, loop=None))
    reference = slots["booking_reference"]
    assert reference in messages[0]["text"]
    booking = service.find(reference)
    assert booking.contact_point == "national_exit" and booking.status == "pending"
    assert service.phone_of(reference) == "+4520304050"
    assert slots["phone"] is None and slots["callback_time"] is None  # nothing lingers


def test_no_consent_books_nothing_and_drops_the_number(bookings_db):
    service.save_phone_draft("user-1", "+4520304050")
    refused = {**SELF, "consent": "no", "phone": "+45 ** ** ** 50"}
    messages, _, _ = run(ActionBookCallback(), tracker(refused, loop=None))
    assert messages[0]["response"] == "utter_no_consent"
    assert service.list_bookings() == []
    with pytest.raises(service.MissingPhone):
        service.book("user-1", "self", "national_exit", datetime.now(TIMEZONE), {})


def test_under_15_stores_no_number_and_offers_childrens_helpline(bookings_db):
    service.save_phone_draft("user-1", "+4520304050")
    messages, _, _ = run(ActionBookCallback(), tracker({"role": "self", "age_group": "under_15"},
                                                       loop=None))
    assert "116 111" in messages[0]["text"]
    with pytest.raises(service.MissingPhone):
        service.book("user-1", "self", "national_exit", datetime.now(TIMEZONE), {})


def test_stop_in_the_middle_forgets_everything(bookings_db):
    service.save_phone_draft("user-1", "+4520304050")
    messages, slots, _ = run(ActionStopBooking(), tracker(SELF, loop=None))
    assert messages[0]["response"] == "utter_form_stopped"
    assert slots["municipality"] is None and slots["age_group"] is None
    with pytest.raises(service.MissingPhone):
        service.book("user-1", "self", "national_exit", datetime.now(TIMEZONE), {})


def _booked(conversation="user-1"):
    service.save_phone_draft(conversation, "+4520304050")
    start = datetime.now(TIMEZONE).replace(microsecond=0, second=0) + timedelta(days=3)
    return service.book(conversation, "self", "national_exit", start, {})


def test_cancel_by_reference_from_a_new_conversation(bookings_db):
    booking = _booked()
    text = f"aflys {booking.reference.lower()}"
    _, slots, _ = run(ValidateManageBookingForm(), tracker(
        {"manage_action": "cancel"}, text=text, intent="cancel_booking", sender="other",
        candidates={"booking_reference": booking.reference}, loop="manage_booking_form"))
    assert slots["booking_reference"] == booking.reference
    messages, _, _ = run(ActionManageBooking(), tracker(
        {"manage_action": "cancel", "booking_reference": booking.reference}, sender="other",
        loop=None))
    assert "aflyst" in messages[0]["text"]
    assert service.find(booking.reference).status == "cancelled"


def test_unknown_reference_is_explained(bookings_db):
    messages, slots, _ = run(ValidateManageBookingForm(), tracker(
        {"manage_action": "status"}, text="ABCD-2345", intent="booking_status",
        candidates={"booking_reference": "ABCD-2345"}, loop="manage_booking_form"))
    assert slots["booking_reference"] is None
    assert "ABCD-2345" in messages[0]["text"]


def test_erasure_cancels_the_pending_booking_and_drops_the_number(bookings_db):
    booking = _booked("eraser")
    messages, _, _ = run(ActionDeleteConversation(), tracker(sender="eraser", loop=None))
    assert booking.reference in messages[0]["text"]
    assert service.find(booking.reference).status == "cancelled"
    assert service.phone_of(booking.reference) is None
    assert json.dumps(service.list_bookings()[0].summary) == "{}"


def test_a_question_in_the_middle_is_answered_and_the_question_asked_again(bookings_db):
    question = tracker(SELF, text="hvad er en mentor?", intent="faq",
                       candidates={"callback_time": "hvad er en mentor?"})
    question.latest_message["intent"]["confidence"] = 0.93
    question.latest_message["response_selector"] = {  # one selector per retrieval family
        "faq": {"response": {"intent_response_key": "faq/mentor"}}}
    messages, slots, _ = run(ValidateCallbackForm(), question)
    assert [m["response"] for m in messages] == ["utter_faq/mentor"]
    assert slots["callback_time"] is None and slots["requested_slot"] == "callback_time"


def test_a_motivation_is_kept_even_when_it_sounds_like_a_topic(bookings_db):
    answer = tracker({"role": "self"}, text="jeg er blevet far og vil ud", intent="faq",
                     candidates={"motivation": "jeg er blevet far og vil ud"})
    answer.latest_message["intent"]["confidence"] = 0.9
    answer.latest_message["response_selector"] = {
        "default": {"response": {"intent_response_key": "faq/how_to_start"}}}
    _, slots, _ = run(ValidateCallbackForm(), answer)
    assert slots["motivation"] == "family_duty"


def test_the_selector_answer_of_another_intent_is_not_a_question(bookings_db):
    # The selector proposes an answer for every message; "20 30 40 50" is not a question.
    typed = tracker(SELF, text="20 30 40 50", intent="inform", candidates={"phone": "20 30 40 50"})
    typed.latest_message["response_selector"] = {
        "default": {"response": {"intent_response_key": "faq/too_young"}}}
    messages, slots, _ = run(ValidateCallbackForm(), typed)
    assert slots["phone"] == "+45 ** ** ** 50" and messages == []


def test_losing_the_time_to_someone_else_asks_only_for_a_new_time(bookings_db):
    start = datetime.now(TIMEZONE).replace(microsecond=0, second=0) + timedelta(days=4)
    for conversation in ("other-1", "other-2", "user-1"):
        service.save_phone_draft(conversation, "+4520304050")
    for conversation in ("other-1", "other-2"):  # the slot's whole capacity
        service.book(conversation, "self", "national_exit", start, {})
    done = {**ANSWERED, "callback_time": start.isoformat(), "contact_point": "national_exit",
            "phone": "+45 ** ** ** 50", "consent": "yes", "confirmed": "yes"}
    messages, slots, events = run(ActionBookCallback(), tracker(done, loop=None))
    assert "taget lige før dig" in messages[0]["text"] and messages[0]["buttons"]
    assert slots == {"callback_time": None, "confirmed": None}
    assert [e["name"] for e in events if e["event"] == "followup"] == ["callback_form"]
    # Rasa re-opens the form and validates every slot that is still filled.
    prefilled = {k: v for k, v in done.items() if k not in slots}
    reopened = done | {"callback_time": None, "confirmed": None}
    messages, slots, _ = run(ValidateCallbackForm(), tracker(reopened, candidates=prefilled))
    # Every answer passes unchanged (an event may repeat it; none alters it).
    assert {k: slots.get(k, v) for k, v in prefilled.items()} == prefilled
    assert "phone" in slots and "motivation" in slots and messages == []
    after = reopened | slots
    assert [s for s in required_slots(after) if after.get(s) is None][0] == "callback_time"


def test_a_masked_number_without_its_draft_is_asked_again(bookings_db):
    messages, slots, _ = run(ValidateCallbackForm(), tracker(
        {**SELF, "phone": "+45 ** ** ** 50"}, candidates={"phone": "+45 ** ** ** 50"}))
    assert slots["phone"] is None and "telefonnummer" in messages[0]["text"]
