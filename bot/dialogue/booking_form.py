"""Validation of the callback form's answers, and what happens when the form ends."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Callable, Dict, List, Optional

from bot.bookings import contact_points, phone, schedule, service, timeparse
from bot.config import TIMEZONE
from bot.dialogue import answers
from bot.dialogue.answers import SKIPPED
from bot.dialogue.booking_flow import FORM_SLOTS, outcome, summary_fields, summary_lines
from bot.dialogue.turn import Reply, Turn, button

SKIP_BUTTON = button("Spring over", "/skip")
MINOR_AGE_GROUPS = ("under_15", "15_17")
ROLES = ("self", "relative", "professional")


def route(slots: Dict[str, Any]):
    def known(name: str) -> Optional[str]:
        value = slots.get(name)
        return None if value in (None, SKIPPED) else value

    return contact_points.route(
        role=slots.get("role") or "self",
        age_group=known("age_group"),
        custody=known("custody"),
        municipality=known("municipality"),
    )


def _validate_role(value: Any, turn: Turn) -> Reply:
    role = value if value in ROLES else answers.role(str(value))
    if role:
        return Reply({"role": role})
    return Reply({"role": None}).say(
        "Det forstod jeg ikke helt. Tryk på en af knapperne, så jeg ved, hvem vi skal ringe til."
    )


def _validate_motivation(value: Any, turn: Turn) -> Reply:
    if answers.is_skip(str(value), turn.intent):
        return Reply({"motivation": SKIPPED, "motivation_words": None})
    text = str(value)
    return Reply({"motivation": answers.motivation_category(text), "motivation_words": text}).say(
        "Tak fordi du fortæller det."
    )


def _validate_keep_motivation_words(value: Any, turn: Turn) -> Reply:
    keep = answers.yes_or_no(str(value), turn.intent)
    if keep is None and answers.is_skip(str(value), turn.intent):
        keep = False
    if keep is None:
        return Reply({"keep_motivation_words": None}).say("Svar gerne ja eller nej.")
    if keep:
        return Reply({"keep_motivation_words": "yes"})
    return Reply({"keep_motivation_words": "no", "motivation_words": None})


def _validate_age_group(value: Any, turn: Turn) -> Reply:
    text = str(value)
    if answers.is_skip(text, turn.intent):
        return Reply({"age_group": SKIPPED})
    group = answers.age_group(text)
    if not group:
        return Reply({"age_group": None}).say(
            "Skriv din alder som et tal, fx 17, eller vælg en knap.",
            [button("Under 15", '/inform{"age_group":"under_15"}'),
             button("15–17", '/inform{"age_group":"15_17"}'),
             button("18–24", '/inform{"age_group":"18_24"}'),
             button("25 eller ældre", '/inform{"age_group":"25_plus"}'), SKIP_BUTTON],
        )
    return Reply({"age_group": group, "is_minor": "yes" if group in MINOR_AGE_GROUPS else "no"})


def _validate_custody(value: Any, turn: Turn) -> Reply:
    text = str(value)
    if answers.is_skip(text, turn.intent):
        return Reply({"custody": SKIPPED})
    state = answers.custody(text)
    if not state:
        return Reply({"custody": None}).say("Vælg gerne en af knapperne – eller spring over.")
    return Reply({"custody": state})


def _validate_municipality(value: Any, turn: Turn) -> Reply:
    text = str(value)
    if answers.is_skip(text, turn.intent):
        return Reply({"municipality": SKIPPED})
    found = turn.entities.get("municipality") or answers.municipality(text)
    if found:
        return Reply({"municipality": found})
    options = answers.municipality_suggestions(text)
    reply = Reply({"municipality": None})
    if options:
        return reply.say(
            f"Jeg kender ikke en kommune, der hedder \"{text}\". Mente du en af disse?",
            [button(name, '/inform{"municipality":"%s"}' % name) for name in options]
            + [SKIP_BUTTON],
        )
    return reply.say(
        "Den kommune kender jeg ikke. Skriv navnet på din kommune, fx \"Odense\" – eller "
        "spring over.", [SKIP_BUTTON],
    )


def _validate_help_wanted(value: Any, turn: Turn) -> Reply:
    text = str(value)
    if answers.is_skip(text, turn.intent):
        return Reply({"help_wanted": SKIPPED})
    wanted = answers.offers(text)
    if not wanted:
        return Reply({"help_wanted": None}).say(
            "Det fangede jeg ikke. Skriv fx \"bolig\", \"gæld\", \"job\" eller \"misbrug\" – "
            "gerne flere – eller spring over.", [SKIP_BUTTON],
        )
    return Reply({"help_wanted": ",".join(wanted)})


def _validate_safe_to_call(value: Any, turn: Turn) -> Reply:
    safety = answers.safe_to_call(str(value), turn.intent)
    if not safety:
        return Reply({"safe_to_call": None}).say(
            "Er det sikkert at ringe til dig? Vælg gerne en af knapperne.",
            [button("Ja, det er sikkert", '/inform{"safe_to_call":"yes"}'),
             button("Kun på bestemte tider", '/inform{"safe_to_call":"some_times"}'),
             button("Nej", '/inform{"safe_to_call":"no"}')],
        )
    return Reply({"safe_to_call": safety})


def slot_buttons(slots: List[datetime]) -> List[Dict[str, str]]:
    # The payload carries the exact time, so a click never depends on the NLU.
    return [button(schedule.slot_label(start),
                   '/inform{"callback_time":"%s"}' % start.isoformat()) for start in slots]


def _offered_slot(text: str) -> Optional[datetime]:
    try:
        start = datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return start if start.tzinfo else None


def choose_time(text: str, contact_point, turn: Turn) -> tuple[Optional[datetime], Reply]:
    """The slot the user's free Danish (or a slot button) asks for, or a reply why not."""
    offered = _offered_slot(text)
    wish = (timeparse.Wish(day=offered.astimezone(TIMEZONE).date(),
                           exact=offered.astimezone(TIMEZONE).time()) if offered
            else timeparse.parse_wish(text, turn.now))
    if wish is None:
        free = schedule.nearest_free(contact_point, turn.now, n=3)
        return None, Reply().say(
            "Det tidspunkt forstod jeg ikke. Skriv fx \"i morgen efter kl 15\" eller "
            "\"torsdag formiddag\" – eller vælg en af de første ledige tider:",
            slot_buttons(free),
        )
    result = schedule.find_slot(contact_point, wish, turn.now)
    if result.slot is not None:
        return result.slot, Reply()
    return None, Reply().say(f"{result.reason} Her er de nærmeste ledige tider:",
                             slot_buttons(result.alternatives))


def _validate_callback_time(value: Any, turn: Turn) -> Reply:
    contact_point, _ = route(turn.slots)
    start, reply = choose_time(str(value), contact_point, turn)
    if start is None:
        reply.slots["callback_time"] = None
        return reply
    reply.slots.update(callback_time=start.isoformat(), contact_point=contact_point.id)
    return reply


def _validate_phone(value: Any, turn: Turn) -> Reply:
    number = phone.parse_phone(str(value))
    if number:
        service.save_phone_draft(turn.sender_id, number)
        return Reply({"phone": phone.mask_phone(number), "phone_attempts": 0})
    attempts = int(turn.slots.get("phone_attempts") or 0) + 1
    reply = Reply({"phone": None, "phone_attempts": attempts})
    if attempts >= 2:
        return reply.say(
            "Det kan jeg stadig ikke læse som et telefonnummer. Skriv de 8 cifre, fx "
            "12 34 56 78 (som eksempel), eller et udenlandsk nummer med landekode først (+46 …). "
            "Vil du hellere stoppe, så skriv \"stop\".",
            [button("Stop", "/stop_form")],
        )
    return reply.say("Det ligner ikke et telefonnummer. Skriv det gerne igen – 8 cifre.")


def _validate_consent(value: Any, turn: Turn) -> Reply:
    consent = answers.yes_or_no(str(value), turn.intent)
    if consent is None:
        return Reply({"consent": None}).say("Svar gerne ja eller nej.")
    return Reply({"consent": "yes" if consent else "no"})


def _validate_confirmed(value: Any, turn: Turn) -> Reply:
    text = answers.normalise(str(value))
    if "tid" in text:
        return Reply({"callback_time": None, "confirmed": None})
    if "nummer" in text or "telefon" in text:
        return Reply({"phone": None, "confirmed": None})
    answer = answers.yes_or_no(text, turn.intent)
    if answer:
        return Reply({"confirmed": "yes"})
    return Reply({"confirmed": None}).say(
        "Hvad vil du rette?",
        [button("Ret tidspunkt"), button("Ret nummer"), button("Stop, book ikke", "/stop_form")],
    )


VALIDATORS: Dict[str, Callable[[Any, Turn], Reply]] = {
    "role": _validate_role,
    "motivation": _validate_motivation,
    "keep_motivation_words": _validate_keep_motivation_words,
    "age_group": _validate_age_group,
    "custody": _validate_custody,
    "municipality": _validate_municipality,
    "help_wanted": _validate_help_wanted,
    "safe_to_call": _validate_safe_to_call,
    "callback_time": _validate_callback_time,
    "phone": _validate_phone,
    "consent": _validate_consent,
    "confirmed": _validate_confirmed,
}


QUESTION_CONFIDENCE = 0.6


def is_question(turn: Turn) -> bool:
    """A message the NLU knows as one of the knowledge questions ("hvad er en mentor?")."""
    return bool(turn.retrieval) and turn.confidence >= QUESTION_CONFIDENCE


def answer_question(slot: str, reply: Reply, turn: Turn) -> Reply:
    """Answers a question asked in the middle of the form; the form then asks again.

    The form takes every message as a candidate answer, so nothing typed is lost: what is
    not an answer but a known question gets its answer instead of an error.
    """
    if reply.slots.get(slot) is not None or not is_question(turn):
        return reply
    return Reply({**reply.slots, slot: None}).say(response=f"utter_{turn.retrieval}")


# The values the validators store. Rasa validates every filled slot again when the form
# re-opens (e.g. after someone else took the chosen time); those must pass unchanged.
OWN_VALUES: Dict[str, set] = {
    "role": set(ROLES),
    "motivation": {*answers.MOTIVATION_CATEGORIES, "other", SKIPPED},
    "keep_motivation_words": {"yes", "no"},
    "age_group": {*answers.AGE_GROUPS, SKIPPED},
    "custody": {*answers.CUSTODY_STATES, SKIPPED},
    "safe_to_call": set(answers.SAFETY),
    "consent": {"yes", "no"},
}


def is_own_value(slot: str, value: Any, turn: Turn) -> bool:
    text = str(value)
    if slot == "phone":  # the masked number, while its encrypted draft waits for the booking
        return value == turn.slots.get("phone") and service.has_phone_draft(turn.sender_id)
    if slot == "help_wanted":
        return text == SKIPPED or all(part in answers.OFFERS for part in text.split(","))
    return text in OWN_VALUES.get(slot, ())


def validate(slot: str, value: Any, turn: Turn) -> Reply:
    validator = VALIDATORS.get(slot)
    if validator is None or value is None or is_own_value(slot, value, turn):
        return Reply({slot: value})
    if slot == "motivation" and is_question(turn) and str(value).rstrip().endswith("?"):
        return answer_question(slot, Reply({slot: None}), turn)  # any text is a motivation
    return answer_question(slot, validator(value, turn), turn)


def ask_callback_time(turn: Turn) -> Reply:
    contact_point, reason = route(turn.slots)
    free = schedule.nearest_free(contact_point, turn.now, n=3)
    return Reply({"contact_point": contact_point.id}).say(reason).say(
        "Hvornår vil du gerne ringes op – på et tidspunkt, hvor det er sikkert for dig? "
        "Skriv fx \"i morgen efter kl 15\", \"torsdag formiddag\" eller \"på mandag\", eller "
        "vælg en af de første ledige tider:",
        slot_buttons(free),
    )


def ask_confirmed(turn: Turn) -> Reply:
    contact_point = contact_points.get(turn.slots.get("contact_point") or route(turn.slots)[0].id)
    when = schedule.slot_label(datetime.fromisoformat(turn.slots["callback_time"]))
    lines = summary_lines(turn.slots, contact_point.name, when)
    return Reply().say(
        "Her er din bestilling:\n" + "\n".join(lines) + "\n\nSkal jeg bestille den?",
        [button("Ja, bestil", "/affirm"), button("Ret tidspunkt"), button("Ret nummer"),
         button("Stop, book ikke", "/stop_form")],
    )


def cleared_form() -> Dict[str, Any]:
    """Slot values that forget every answer of the form (the role is kept for wording)."""
    cleared: Dict[str, Any] = {slot: None for slot in FORM_SLOTS if slot != "role"}
    cleared.update(motivation_words=None, phone_attempts=0, contact_point=None)
    return cleared


def finish(turn: Turn) -> Reply:
    """After the form: book, or explain kindly why nothing was booked."""
    result = outcome(turn.slots)
    reply = Reply(cleared_form())
    if result == "under_15":
        service.discard_phone_draft(turn.sender_id)
        return reply.say(
            "Tak fordi du fortæller det. Når du er under 15, gemmer jeg ikke dit telefonnummer, "
            "uden at en voksen er med. Du kan altid ringe eller skrive anonymt til "
            "BørneTelefonen på 116 111 – døgnet rundt. Du kan også bede en voksen, du stoler "
            "på, om at skrive her sammen med dig."
        )
    if result == "not_safe":
        service.discard_phone_draft(turn.sender_id)
        return reply.say(response="utter_not_safe_to_call")
    if result in ("no_consent", "not_confirmed"):
        service.discard_phone_draft(turn.sender_id)
        return reply.say(response="utter_no_consent")
    contact_point = contact_points.get(turn.slots["contact_point"])
    start = datetime.fromisoformat(turn.slots["callback_time"])
    try:
        booking = service.book(
            conversation_id=turn.sender_id,
            role=turn.slots.get("role") or "self",
            contact_point_id=contact_point.id,
            slot_start=start,
            summary=summary_fields(turn.slots),
        )
    except service.SlotFull:
        free = schedule.nearest_free(contact_point, turn.now, n=3)
        reply = Reply({"callback_time": None, "confirmed": None}, followup="callback_form")
        return reply.say("Den tid blev desværre taget lige før dig. Vælg en anden:",
                         slot_buttons(free))
    reply.slots["booking_reference"] = booking.reference
    return reply.say(
        f"Din opringning er bestilt. {contact_point.name} ringer dig op "
        f"{schedule.slot_label(start)} – måske fra et skjult nummer.\n"
        f"Din reference er {booking.reference}. Gem den: skriv \"aflys {booking.reference}\" "
        f"eller \"flyt min tid\" her, hvis du vil aflyse eller flytte.",
        [button("Tak", "/thanks"), button("Slet min samtale", "/delete_conversation")],
    )
