"""Turn-level behaviours: offering a human at natural points, the two-stage fallback."""

from __future__ import annotations

from bot.bookings import contact_points
from bot.dialogue.turn import Reply, Turn

OFFER_HUMAN_EVERY = 3  # answers between offers of a callback


def after_answer(turn: Turn) -> Reply:
    """Counts answers; every few answers, gently offers a human."""
    given = int(turn.slots.get("answers_given") or 0) + 1
    reply = Reply({"answers_given": given, "fallback_count": 0})
    if given % OFFER_HUMAN_EVERY == 0 and not turn.slots.get("booking_reference"):
        reply.say(response="utter_offer_callback_hint")
    return reply


def fallback(turn: Turn) -> Reply:
    """First ask to rephrase; the second time in a row, offer a human."""
    count = int(turn.slots.get("fallback_count") or 0) + 1
    if count >= 2:
        return Reply({"fallback_count": 0}).say(response="utter_offer_human")
    return Reply({"fallback_count": count}).say(response="utter_rephrase")


def opening_hours(turn: Turn) -> Reply:
    lines = [f"{cp.name}: {cp.hours_text()}" for cp in contact_points.all_contact_points()]
    return Reply().say(
        "Jeg svarer døgnet rundt. Opringninger sker inden for kontaktpunkternes tider:\n"
        + "\n".join(lines)
        + "\nEr du i fare, så ring 112.",
        [{"title": "Bliv ringet op", "payload": "/request_callback"}],
    )
