"""Leaving the form without a trace, and erasing a conversation on request."""

from __future__ import annotations

from bot.bookings import service
from bot.dialogue.booking_form import cleared_form
from bot.dialogue.turn import Reply, Turn


def stop_booking(turn: Turn) -> Reply:
    service.discard_phone_draft(turn.sender_id)
    return Reply(cleared_form()).say(response="utter_form_stopped")


def delete_conversation(turn: Turn) -> Reply:
    """Erases the booking draft now; the tracker store erases the conversation when it saves.

    Deleting the events here would not last: Rasa saves the turn's events after the action.
    """
    cancelled = service.erase_conversation(turn.sender_id)
    text = "Samtalen er slettet. Du kan starte forfra, når du vil."
    if cancelled:
        text += (f" Dit telefonnummer er også slettet, så opringningen {', '.join(cancelled)} "
                 "er aflyst. Du kan altid bestille en ny.")
    return Reply().say(text)
