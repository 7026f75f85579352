"""Which booking questions to ask, in what order, and when the conversation must stop early."""

from __future__ import annotations

from typing import Any, Dict, List, Mapping

from bot.dialogue.answers import OFFER_LABELS, SKIPPED

# Questions for each kind of asker. A relative books a call for themselves: nothing is
# asked about the gang member.
QUESTIONS: Dict[str, List[str]] = {
    "self": ["role", "motivation", "keep_motivation_words", "age_group", "custody",
             "municipality", "help_wanted", "safe_to_call", "callback_time", "phone",
             "consent", "confirmed"],
    "relative": ["role", "municipality", "safe_to_call", "callback_time", "phone", "consent",
                 "confirmed"],
    "professional": ["role", "municipality", "callback_time", "phone", "consent", "confirmed"],
}

FORM_SLOTS = sorted({slot for questions in QUESTIONS.values() for slot in questions})

# A form ends early (without a booking) right after one of these answers.
STOPS_AFTER = {
    ("age_group", "under_15"): "under_15",
    ("safe_to_call", "no"): "not_safe",
    ("consent", "no"): "no_consent",
}


def required_slots(slots: Mapping[str, Any]) -> List[str]:
    """The questions still relevant given what is known; ends at an early stop."""
    questions = QUESTIONS.get(slots.get("role") or "self", QUESTIONS["self"])
    required: List[str] = []
    for slot in questions:
        if slot == "keep_motivation_words" and slots.get("motivation") in (None, SKIPPED):
            continue
        required.append(slot)
        if (slot, slots.get(slot)) in STOPS_AFTER:
            break
    return required


def outcome(slots: Mapping[str, Any]) -> str:
    """What the finished form means: "book", or the reason no booking is made."""
    for (slot, value), reason in STOPS_AFTER.items():
        if slots.get(slot) == value:
            return reason
    if slots.get("confirmed") == "yes":
        return "book"
    return "not_confirmed"


def summary_lines(slots: Mapping[str, Any], contact_point_name: str, when: str) -> List[str]:
    """The booking as the user will confirm it: only what they told us, in plain Danish."""
    role_text = {
        "self": "dig selv",
        "relative": "dig som pårørende",
        "professional": "dig som fagperson",
    }
    lines = [
        f"Hvem ringer: {contact_point_name}",
        f"Hvornår: {when}",
        f"Nummer: {slots.get('phone')}",
        f"Opkaldet handler om: {role_text.get(slots.get('role'), 'dig')}",
    ]
    wanted = slots.get("help_wanted")
    if wanted and wanted != SKIPPED:
        labels = [OFFER_LABELS.get(key, key) for key in str(wanted).split(",")]
        lines.append("Ønsker hjælp til: " + ", ".join(labels))
    if slots.get("municipality") not in (None, SKIPPED):
        lines.append(f"Kommune: {slots['municipality']}")
    return lines


def summary_fields(slots: Mapping[str, Any]) -> Dict[str, Any]:
    """What the contact point gets besides the phone number (stored with consent only)."""
    def known(name: str) -> Any:
        value = slots.get(name)
        return None if value in (None, SKIPPED) else value

    words = slots.get("motivation_words") if slots.get("keep_motivation_words") == "yes" else None
    wanted = known("help_wanted")
    return {
        "age_group": known("age_group"),
        "custody": known("custody"),
        "municipality": known("municipality"),
        "help_wanted": wanted.split(",") if wanted else [],
        "safe_to_call": known("safe_to_call"),
        "motivation_category": known("motivation"),
        "motivation_words": words,
    }
