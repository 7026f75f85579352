"""Rasa SDK actions: thin adapters from the tracker to the logic in `bot.dialogue`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from typing import Any, Callable, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from bot.dialogue import booking_flow, booking_form, manage_booking, privacy, small_talk
from bot.dialogue.turn import Reply, Turn, retrieval_key


def turn_of(tracker: Tracker) -> Turn:
    latest = tracker.latest_message or {}
    entities = {e.get("entity"): e.get("value") for e in latest.get("entities") or []}
    intent = latest.get("intent") or {}
    return Turn(
        sender_id=tracker.sender_id,
        text=latest.get("text") or "",
        intent=intent.get("name"),
        confidence=float(intent.get("confidence") or 0.0),
        retrieval=retrieval_key(latest),
        entities=entities,
        slots=dict(tracker.slots),
    )


def deliver(reply: Reply, dispatcher: CollectingDispatcher) -> List[EventType]:
    for message in reply.messages:
        dispatcher.utter_message(**message)
    events: List[EventType] = [SlotSet(name, value) for name, value in reply.slots.items()]
    if reply.followup:
        events.append(FollowupAction(reply.followup))
    return events


class TurnAction(Action, ABC):
    """An action whose whole behaviour is one function of the turn.

    Abstract, so that the SDK registers only the subclasses that name themselves.
    """

    logic: Callable[[Turn], Reply]

    @property
    @abstractmethod
    def action_name(self) -> Text:
        """Set as a class attribute by each action."""

    def name(self) -> Text:
        return self.action_name

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        return deliver(type(self).logic(turn_of(tracker)), dispatcher)


class ActionAnswerFollowup(TurnAction):
    action_name = "action_answer_followup"
    logic = staticmethod(small_talk.after_answer)


class ActionHandleFallback(TurnAction):
    action_name = "action_handle_fallback"
    logic = staticmethod(small_talk.fallback)


class ActionOpeningHours(TurnAction):
    action_name = "action_opening_hours"
    logic = staticmethod(small_talk.opening_hours)


class ActionAskCallbackTime(TurnAction):
    action_name = "action_ask_callback_time"
    logic = staticmethod(booking_form.ask_callback_time)


class ActionAskConfirmed(TurnAction):
    action_name = "action_ask_confirmed"
    logic = staticmethod(booking_form.ask_confirmed)


class ActionAskNewCallbackTime(TurnAction):
    action_name = "action_ask_new_callback_time"
    logic = staticmethod(manage_booking.ask_new_time)


class ActionStopBooking(TurnAction):
    action_name = "action_stop_booking"
    logic = staticmethod(privacy.stop_booking)


class ActionDeleteConversation(TurnAction):
    action_name = "action_delete_conversation"
    logic = staticmethod(privacy.delete_conversation)


class ActionManageBooking(TurnAction):
    action_name = "action_manage_booking"
    logic = staticmethod(manage_booking.finish)


class ActionBookCallback(TurnAction):
    action_name = "action_book_callback"
    logic = staticmethod(booking_form.finish)


class _DelegatingValidation(FormValidationAction, ABC):
    """Hands each slot to one validation function instead of validate_<slot> methods."""

    validator: Callable[[str, Any, Turn], Reply]
    required: Callable[[Dict[str, Any]], List[str]]

    @abstractmethod
    def name(self) -> Text:
        """The validation action's name, `validate_<form>`."""

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        return type(self).required(dict(tracker.slots))

    async def get_validation_events(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                    domain: DomainDict) -> List[EventType]:
        wanted = await self.required_slots([], dispatcher, tracker, domain)
        turn = turn_of(tracker)
        events: List[EventType] = []
        for slot, value in tracker.slots_to_validate().items():
            if slot not in wanted:
                continue
            reply = type(self).validator(slot, value, turn)
            turn.slots.update(reply.slots)
            tracker.slots.update(reply.slots)
            events += deliver(reply, dispatcher)
        return events


class ValidateCallbackForm(_DelegatingValidation):
    validator = staticmethod(booking_form.validate)
    required = staticmethod(booking_flow.required_slots)

    def name(self) -> Text:
        return "validate_callback_form"


class ValidateManageBookingForm(_DelegatingValidation):
    validator = staticmethod(manage_booking.validate)
    required = staticmethod(manage_booking.required_slots)

    def name(self) -> Text:
        return "validate_manage_booking_form"
