"""Measured fixes to Rasa 3.6 internals, installed when Rasa loads our REST channel.

`RemoteAction._validate_action_result` calls `jsonschema.validate`, which first checks the
(constant) response schema against the JSON-Schema metaschema on every action call. py-spy
on a one-user conversation put 42 % of the Rasa server's CPU there. The fix validates every
action server response exactly as before, against a validator built once.

`Event.resolve_by_type` walks the whole Event class tree for every stored event it reads
back (5 % of the CPU); the fix looks the name up in a table with the same first-match order.

Each policy (Memoization, Rule, TED) replays the whole conversation to featurize it, at every
prediction, and a booking's confirmation turn makes four predictions: about 1.7 ms a replay at
70 events. `DialogueStateTracker.past_states` now replays once per tracker state and argument
set, and hands each caller its own copy (the featurizers edit the states in place).

Not for speed: Rasa logs a custom action that could not run and goes on with the turn, so a
turn can say something ("Sådan virker en opringning …") while the callback form silently
failed to start. `RemoteAction.run` now notes such failures in the current turn
(`TURN_FAILURES`, set by the REST channel), which apologises and undoes the turn.
"""

from __future__ import annotations

import contextvars
import copy
import functools
import json
from typing import Any, Dict, List, Optional, Text

from jsonschema import validators
from jsonschema.exceptions import best_match
from rasa.core.actions.action import ActionExecutionRejection, RemoteAction
from rasa.shared.constants import DOCS_BASE_URL
from rasa.shared.core.events import Event
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.utils.common import all_subclasses


@functools.lru_cache(maxsize=None)
def action_response_validator():
    schema = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    error = best_match(action_response_validator().iter_errors(result))
    if error is not None:
        # The same message Rasa would give.
        error.message += (
            ". Failed to validate Action server response from API, make sure your response "
            f"from the Action endpoint is valid. For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error
    return True


_original_resolve_by_type = Event.resolve_by_type


@functools.lru_cache(maxsize=None)
def event_classes() -> Dict[Text, type]:
    table: Dict[Text, type] = {}
    for cls in all_subclasses(Event):
        table.setdefault(cls.type_name, cls)
    return table


def resolve_by_type(type_name: Text, default: Optional[type] = None) -> Optional[type]:
    cls = event_classes().get(type_name)
    # Anything unusual (unknown names, "topic", classes defined later) goes the original way.
    return cls if cls is not None else _original_resolve_by_type(type_name, default)


# Names of the custom actions that failed in the current webhook turn; None outside one.
TURN_FAILURES: contextvars.ContextVar[Optional[List[str]]] = contextvars.ContextVar(
    "exitbot_turn_failures", default=None)
_original_remote_run = RemoteAction.run


async def remote_run_noting_failures(self: RemoteAction, *args: Any, **kwargs: Any):
    try:
        return await _original_remote_run(self, *args, **kwargs)
    except ActionExecutionRejection:
        raise  # a form rejecting an answer is part of the dialogue, not a failure
    except Exception:
        failures = TURN_FAILURES.get()
        if failures is not None:
            failures.append(self.name())
        raise


_original_past_states = DialogueStateTracker.past_states
STATES_CACHE = "_exitbot_past_states"


def past_states_replayed_once(self: DialogueStateTracker, domain: Any,
                              omit_unset_slots: bool = False,
                              ignore_rule_only_turns: bool = False,
                              rule_only_data: Optional[Dict[Text, Any]] = None) -> List[Any]:
    # States follow from the events alone (Rasa replays them), and events are only ever
    # appended: the number of events and the last one identify the tracker's state.
    events = self.events
    marker = (id(domain), len(events), id(events[-1]) if events else None)
    cache = self.__dict__.get(STATES_CACHE)
    if cache is None or cache[0] != marker:
        cache = (marker, {})
        self.__dict__[STATES_CACHE] = cache
    key = (omit_unset_slots, ignore_rule_only_turns,
           json.dumps(rule_only_data, sort_keys=True, default=str))
    if key not in cache[1]:
        cache[1][key] = _original_past_states(self, domain, omit_unset_slots,
                                              ignore_rule_only_turns, rule_only_data)
    return copy.deepcopy(cache[1][key])


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result
    Event.resolve_by_type = staticmethod(resolve_by_type)
    RemoteAction.run = remote_run_noting_failures
    DialogueStateTracker.past_states = past_states_replayed_once
