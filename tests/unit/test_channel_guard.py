"""Typed "/intent{…}" messages are only accepted when they were offered as buttons."""

import asyncio
import time
from types import SimpleNamespace

from rasa.core.lock_store import InMemoryLockStore
from rasa.core.tracker_store import InMemoryTrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, ActiveLoop, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.channels import ALWAYS_ALLOWED, forget_failed_turn, guard_message, offered_payloads


def events_with_buttons(*payloads):
    buttons = [{"title": p, "payload": p} for p in payloads]
    return [UserUttered("hej"), BotUttered("Vælg", data={"buttons": buttons})]


def test_offered_payload_passes_unchanged():
    offered = offered_payloads(events_with_buttons("/affirm", "/deny"))
    assert guard_message("/affirm", offered) == "/affirm"


def test_typed_command_that_was_not_offered_becomes_plain_text():
    offered = offered_payloads(events_with_buttons("/affirm"))
    assert guard_message('/inform{"phone":"12345678"}', offered) == 'inform{"phone":"12345678"}'
    assert guard_message("/request_callback", offered) == "request_callback"


def test_only_the_latest_bot_message_counts():
    events = events_with_buttons("/affirm") + [BotUttered("Ingen knapper her")]
    assert offered_payloads(events) == set()
    assert guard_message("/affirm", offered_payloads(events)) == "affirm"


def test_greeting_and_erasure_request_are_always_allowed():
    assert ALWAYS_ALLOWED == {"/greet", "/delete_conversation"}
    assert guard_message("/greet", offered_payloads([])) == "/greet"
    later = events_with_buttons("/affirm")
    assert guard_message("/delete_conversation", offered_payloads(later)) == "/delete_conversation"


def test_ordinary_text_is_untouched():
    assert guard_message("  jeg vil gerne ud  ", set()) == "jeg vil gerne ud"


# --- a failed turn is undone so that the visitor's retry continues the conversation ---

def _failed_turn_store(turn_started_offset):
    """A conversation whose last message started a turn that failed after `offset` s."""
    domain = Domain.from_yaml("version: '3.1'\nslots:\n  role:\n    type: any\n"
                              "    mappings: [{type: custom}]\n")
    store = InMemoryTrackerStore(domain)
    tracker = DialogueStateTracker("visitor", domain.slots)
    for event in events_with_buttons('/inform_role{"asker":"self"}'):
        tracker.update(event)
    tracker.update(ActionExecuted("action_listen"))
    tracker.update(UserUttered('/inform_role{"asker":"self"}',
                               timestamp=time.time() + turn_started_offset))
    tracker.update(SlotSet("role", "self"))
    tracker.update(ActionExecuted("callback_form"))  # its validation could not be reached
    asyncio.run(store.save(tracker))
    return SimpleNamespace(tracker_store=store, lock_store=InMemoryLockStore()), store


def test_a_failed_turn_is_undone_so_the_same_message_can_be_sent_again():
    agent, store = _failed_turn_store(turn_started_offset=0.0)
    started = time.time() - 1.0
    assert asyncio.run(forget_failed_turn(agent, "visitor", started)) is True
    tracker = asyncio.run(store.retrieve("visitor"))
    assert tracker.get_slot("role") is None
    applied = tracker.applied_events()
    assert isinstance(applied[-1], ActionExecuted) and applied[-1].action_name == "action_listen"
    assert not [e for e in tracker.applied_events() if isinstance(e, UserUttered)
                and e.text.startswith("/inform_role")]
    # The question's buttons are offered again, so the resent payload passes the guard.
    offered = offered_payloads(tracker.applied_events())
    assert guard_message('/inform_role{"asker":"self"}', offered) == '/inform_role{"asker":"self"}'


def test_an_earlier_answered_message_is_never_undone():
    # The store failed before this turn's message was written: the latest stored message
    # is from an earlier turn, which was answered.
    agent, store = _failed_turn_store(turn_started_offset=-60.0)
    assert asyncio.run(forget_failed_turn(agent, "visitor", time.time())) is False
    assert asyncio.run(store.retrieve("visitor")).get_slot("role") == "self"
    assert asyncio.run(forget_failed_turn(agent, "nobody", time.time())) is False
    assert asyncio.run(forget_failed_turn(agent, "visitor", None)) is False


def _form_conversation(this_turn):
    """Two answers into the callback form, then a turn (`this_turn`) that failed."""
    domain = Domain.from_yaml(
        "version: '3.1'\nslots:\n"
        "  role:\n    type: any\n    mappings: [{type: custom}]\n"
        "  age_group:\n    type: any\n    mappings: [{type: custom}]\n"
        "  municipality:\n    type: any\n    mappings: [{type: custom}]\n"
        "forms:\n  callback_form:\n    required_slots: [role, age_group, municipality]\n")
    store = InMemoryTrackerStore(domain)
    tracker = DialogueStateTracker("visitor", domain.slots)
    earlier = time.time() - 60
    steps = [UserUttered("ring til mig", timestamp=earlier),
             ActionExecuted("callback_form", timestamp=earlier),
             ActiveLoop("callback_form", timestamp=earlier),
             SlotSet("requested_slot", "role", timestamp=earlier),
             BotUttered("Hvem skal vi ringe til?", timestamp=earlier),
             ActionExecuted("action_listen", timestamp=earlier)]
    for answer, slot, value, following in (("mig selv", "role", "self", "age_group"),
                                           ("16", "age_group", "15-17", "municipality")):
        steps += [UserUttered(answer, timestamp=earlier), ActionExecuted("callback_form",
                                                                         timestamp=earlier),
                  SlotSet(slot, value, timestamp=earlier),
                  SlotSet("requested_slot", following, timestamp=earlier),
                  BotUttered(f"Spørgsmål om {following}", timestamp=earlier,
                             data={"buttons": [{"title": "Spring over", "payload": "/skip"}]}),
                  ActionExecuted("action_listen", timestamp=earlier)]
    for event in steps:
        tracker.update(event)
    for event in this_turn:
        tracker.update(event)
    asyncio.run(store.save(tracker))
    return SimpleNamespace(tracker_store=store, lock_store=InMemoryLockStore()), store


def test_a_failed_answer_inside_a_form_keeps_the_form_and_its_answers():
    # Rasa folds the answers between two runs of a form out of applied_events(), so a plain
    # rewind would go back to "ring til mig" and lose the form.
    # The answer, and the form's run whose validation could not be reached.
    agent, store = _form_conversation([UserUttered("/skip"), ActionExecuted("callback_form"),
                                       ActionExecuted("action_listen")])
    assert asyncio.run(forget_failed_turn(agent, "visitor", time.time() - 1.0)) is True
    tracker = asyncio.run(store.retrieve("visitor"))
    assert tracker.active_loop_name == "callback_form"
    assert tracker.get_slot("requested_slot") == "municipality"
    assert tracker.get_slot("role") == "self" and tracker.get_slot("age_group") == "15-17"
    applied = tracker.applied_events()
    assert isinstance(applied[-1], ActionExecuted) and applied[-1].action_name == "action_listen"
    assert not [e for e in applied if isinstance(e, UserUttered) and e.text == "/skip"]
    assert guard_message("/skip", offered_payloads(applied)) == "/skip"


def test_a_booking_that_failed_after_the_form_closed_reopens_the_form_at_its_last_question():
    # The last answer completed the form; then the booking action could not be reached (the
    # fault test's two abandoned conversations at "Ja, bestil").
    agent, store = _form_conversation([
        UserUttered("/skip"), ActionExecuted("callback_form"), SlotSet("municipality", None),
        ActiveLoop(None), SlotSet("requested_slot", None),
        ActionExecuted("action_book_callback"), ActionExecuted("action_listen")])
    assert asyncio.run(store.retrieve("visitor")).active_loop_name is None
    assert asyncio.run(forget_failed_turn(agent, "visitor", time.time() - 1.0)) is True
    tracker = asyncio.run(store.retrieve("visitor"))
    assert tracker.active_loop_name == "callback_form"
    assert tracker.get_slot("requested_slot") == "municipality"
    assert tracker.get_slot("role") == "self" and tracker.get_slot("age_group") == "15-17"
    assert guard_message("/skip", offered_payloads(tracker.applied_events())) == "/skip"
