"""Cancel, move or look up a booked callback by its reference, also from a new conversation."""

from __future__ import annotations

from datetime import datetime
from typing import Any, List

from bot.bookings import contact_points, references, schedule, service
from bot.dialogue.booking_form import choose_time, slot_buttons
from bot.dialogue.turn import Reply, Turn, button


def required_slots(slots: dict) -> List[str]:
    if slots.get("manage_action") == "move":
        return ["booking_reference", "new_callback_time"]
    return ["booking_reference"]


def validate_reference(value: Any, turn: Turn) -> Reply:
    reference = references.find_reference(str(value)) or references.find_reference(turn.text)
    if reference is None:
        return Reply({"booking_reference": None}).say(
            "Det ligner ikke en reference. Den har 8 tegn, fx K7QM-4XRT."
        )
    booking = service.find(reference)
    if booking is None or booking.status != "pending":
        return Reply({"booking_reference": None}).say(
            f"Jeg kan ikke finde en aktiv opringning med referencen {reference}. "
            "Tjek den gerne og skriv den igen.",
            [button("Stop", "/stop_form")],
        )
    return Reply({"booking_reference": reference})


def validate_new_time(value: Any, turn: Turn) -> Reply:
    booking = service.find(turn.slots["booking_reference"])
    contact_point = contact_points.get(booking.contact_point)
    start, reply = choose_time(str(value), contact_point, turn)
    reply.slots["new_callback_time"] = start.isoformat() if start else None
    return reply


def ask_new_time(turn: Turn) -> Reply:
    booking = service.find(turn.slots["booking_reference"])
    contact_point = contact_points.get(booking.contact_point)
    free = schedule.nearest_free(contact_point, turn.now, n=3)
    return Reply().say(
        f"Hvornår vil du hellere ringes op? Skriv fx \"fredag eftermiddag\" – {contact_point.name} "
        "har disse ledige tider:",
        slot_buttons(free),
    )


def finish(turn: Turn) -> Reply:
    action = turn.slots.get("manage_action")
    reference = turn.slots.get("booking_reference")
    reply = Reply({"manage_action": None, "new_callback_time": None})
    if not reference:
        return reply.say("Helt i orden. Du kan altid skrive din reference senere.")
    booking = service.find(reference)
    if action == "cancel":
        service.cancel(reference)
        return reply.say(f"Opringningen {reference} er aflyst. Du kan altid bestille en ny.")
    if action == "move" and turn.slots.get("new_callback_time"):
        start = datetime.fromisoformat(turn.slots["new_callback_time"])
        try:
            service.move(reference, start)
        except service.SlotFull:
            return reply.say("Den tid blev desværre taget lige før dig. Prøv en anden tid.")
        return reply.say(f"Opringningen {reference} er flyttet til {schedule.slot_label(start)}.")
    contact_point = contact_points.get(booking.contact_point)
    return reply.say(
        f"{contact_point.name} ringer dig op {schedule.slot_label(booking.callback_at)} "
        f"(reference {reference})."
    )


def validate(slot: str, value: Any, turn: Turn) -> Reply:
    if slot == "booking_reference":
        return validate_reference(value, turn)
    if slot == "new_callback_time":
        return validate_new_time(value, turn)
    return Reply({slot: value})
