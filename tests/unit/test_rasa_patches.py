"""The latency fixes must not change what Rasa accepts, reads or stores."""

from __future__ import annotations

import asyncio

import pytest
import sqlalchemy as sa
from jsonschema import ValidationError
from rasa.core.actions.action import RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    Event,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.exceptions import RasaException
from rasa.shared.utils.common import all_subclasses
from rasa.utils.endpoints import EndpointConfig

from bot import ROOT, rasa_patches
from bot.safety.tracker_store import MaskingSQLTrackerStore

ORIGINAL_RESOLVE = rasa_patches._original_resolve_by_type


@pytest.fixture(scope="module", autouse=True)
def patched():
    rasa_patches.install()


def action() -> RemoteAction:
    return RemoteAction("action_answer", None)


def test_the_channel_module_installs_the_patches():
    import bot.channels  # noqa: F401  (Rasa imports it from credentials.yml)

    assert RemoteAction._validate_action_result is rasa_patches.validate_action_result
    assert Event.resolve_by_type is rasa_patches.resolve_by_type
    assert DialogueStateTracker.past_states is rasa_patches.past_states_replayed_once


def test_valid_action_responses_still_pass():
    response = {"events": [{"event": "slot", "name": "asker", "value": "relative"}],
                "responses": [{"text": "Hej"}]}
    assert action()._validate_action_result(response) is True


@pytest.mark.parametrize("response", [
    {"events": "not a list"},
    {"events": [{"event": "slot"}]},                 # a slot event needs a name
    {"events": [], "responses": "not a list"},
    {"events": [{"event": "no_such_event"}]},
])
def test_invalid_action_responses_are_still_refused(response):
    with pytest.raises(ValidationError, match="Failed to validate Action server response"):
        action()._validate_action_result(response)


def test_every_event_name_resolves_to_the_class_rasa_would_pick():
    names = {cls.type_name for cls in all_subclasses(Event)}
    assert len(names) > 20
    for name in names:
        assert rasa_patches.resolve_by_type(name) is ORIGINAL_RESOLVE(name)


def test_unknown_event_names_behave_as_before():
    assert rasa_patches.resolve_by_type("topic") is None
    assert rasa_patches.resolve_by_type("nonsense", SlotSet) is SlotSet
    with pytest.raises(ValueError, match="Unknown event name"):
        rasa_patches.resolve_by_type("nonsense")


def test_embedded_store_pools_one_wal_connection_and_reads_back_what_it_wrote(tmp_path):
    url = f"sqlite:///{tmp_path / 'tracker.db'}"
    domain = Domain.load(str(ROOT / "domain.yml"))
    store = MaskingSQLTrackerStore(domain=domain, url=url)
    assert isinstance(store.engine.pool, sa.pool.QueuePool)
    tracker = DialogueStateTracker.from_events("visitor", slots=domain.slots, evts=[
        ActionExecuted("action_listen"),
        UserUttered("hej", {"name": "greet", "confidence": 1.0}),
        SlotSet("role", "relative"),
    ])
    asyncio.run(store.save(tracker))
    with store.engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    again = asyncio.run(store.retrieve("visitor"))
    assert again.get_slot("role") == "relative"
    assert [e.type_name for e in again.events][-3:] == ["action", "user", "slot"]


def flaky(original, failures):
    """`original`, failing with a dropped connection the first `failures` times."""
    calls = {"n": 0}

    async def operation(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] <= failures:
            raise sa.exc.OperationalError("SELECT 1", {}, Exception("server closed connection"))
        return await original(*args, **kwargs)

    return operation, calls


def test_a_database_restart_is_waited_out_not_answered_from_an_empty_conversation(
        tmp_path, monkeypatch):
    from rasa.core.tracker_store import SQLTrackerStore

    import bot.safety.tracker_store as module

    domain = Domain.load(str(ROOT / "domain.yml"))
    store = MaskingSQLTrackerStore(domain=domain, url=f"sqlite:///{tmp_path / 't.db'}")
    tracker = DialogueStateTracker.from_events("visitor", slots=domain.slots, evts=[
        ActionExecuted("action_listen"), SlotSet("role", "relative")])
    asyncio.run(store.save(tracker))

    retrieve, calls = flaky(SQLTrackerStore._retrieve, failures=3)
    monkeypatch.setattr(SQLTrackerStore, "_retrieve", retrieve)
    real_sleep = asyncio.sleep
    monkeypatch.setattr(module.asyncio, "sleep", lambda _s: real_sleep(0))
    again = asyncio.run(store.retrieve("visitor"))
    assert calls["n"] == 4 and again.get_slot("role") == "relative"

    monkeypatch.setattr(module, "RESTART_PATIENCE_SECONDS", 0.0)
    retrieve, _ = flaky(SQLTrackerStore._retrieve, failures=1000)
    monkeypatch.setattr(SQLTrackerStore, "_retrieve", retrieve)
    with pytest.raises(sa.exc.OperationalError):
        asyncio.run(store.retrieve("visitor"))


def test_a_custom_action_that_cannot_run_is_noted_in_the_current_turn():
    rasa_patches.install()
    domain = Domain.from_yaml("version: '3.1'\nactions: [action_book_callback]\n")
    action = RemoteAction("action_book_callback", EndpointConfig("http://127.0.0.1:1/webhook"))
    tracker = DialogueStateTracker("visitor", [])
    nlg = TemplatedNaturalLanguageGenerator(domain.responses)

    async def run_in_turn(failures):
        rasa_patches.TURN_FAILURES.set(failures)
        await action.run(CollectingOutputChannel(), nlg, tracker, domain)

    failures = []
    with pytest.raises(RasaException, match="Failed to execute custom action"):
        asyncio.run(run_in_turn(failures))
    assert failures == ["action_book_callback"]
    # Outside a webhook turn nothing is noted, and the failure is still raised to Rasa.
    with pytest.raises(RasaException, match="Failed to execute custom action"):
        asyncio.run(action.run(CollectingOutputChannel(), nlg, tracker, domain))


def booking_tracker(domain: Domain) -> DialogueStateTracker:
    events = [ActionExecuted("action_listen")]
    for answer in ("Odense", "20 30 40 50", "ja"):
        events += [UserUttered(answer, {"name": "inform", "confidence": 1.0}),
                   ActionExecuted("callback_form"), ActiveLoop("callback_form"),
                   SlotSet("requested_slot", "municipality"), BotUttered("næste spørgsmål"),
                   ActionExecuted("action_listen")]
    events += [UserUttered("hej", {"name": "greet", "confidence": 1.0})]
    return DialogueStateTracker.from_events("visitor", events, domain.slots)


RULE_ONLY = {"slots": ["crisis_kind"], "loops": ["callback_form"]}
ARGUMENTS = [{}, {"omit_unset_slots": True}, {"ignore_rule_only_turns": True},
             {"ignore_rule_only_turns": True, "rule_only_data": RULE_ONLY}]


def test_past_states_are_replayed_once_per_tracker_state_and_equal_rasas(monkeypatch):
    domain = Domain.load(str(ROOT / "domain.yml"))
    tracker = booking_tracker(domain)
    replays = []
    original = rasa_patches._original_past_states

    def counting(*args):
        replays.append(args[2:])
        return original(*args)

    monkeypatch.setattr(rasa_patches, "_original_past_states", counting)
    for arguments in ARGUMENTS * 3:  # three policies asking alike
        assert tracker.past_states(domain, **arguments) == original(tracker, domain, **arguments)
    assert len(replays) == len(ARGUMENTS)

    # the featurizers edit the states they get: that must not reach the next caller
    states = tracker.past_states(domain)
    states[-1].clear()
    assert tracker.past_states(domain) == original(tracker, domain)

    # a new event is a new state of the conversation: replayed again, and still Rasa's answer
    tracker.update(ActionExecuted("utter_greet"))
    assert tracker.past_states(domain) == original(tracker, domain)
    assert tracker.past_states(domain) != states
    assert len(replays) == len(ARGUMENTS) + 1

    # a copy of the tracker that goes another way does not get the original's states
    other = tracker.copy()
    other.update(UserUttered("farvel", {"name": "goodbye", "confidence": 1.0}))
    tracker.update(UserUttered("tak", {"name": "thanks", "confidence": 1.0}))
    assert other.past_states(domain) == original(other, domain)
    assert tracker.past_states(domain) == original(tracker, domain)
