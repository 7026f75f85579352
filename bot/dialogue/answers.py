"""Interprets typed answers to the booking questions: buttons and free Danish alike."""

from __future__ import annotations

import re
import unicodedata
from typing import Dict, List, Optional

from bot.nlp.municipalities import canonical, suggestions
from bot.nlp.roles import detect_role

SKIPPED = "skipped"

AGE_GROUPS = ("under_15", "15_17", "18_24", "25_plus")
CUSTODY_STATES = ("no", "in_custody", "release_soon", "recently_released")
SAFETY = ("yes", "some_times", "no")

# The offers named in the source, with the words people use for them.
OFFERS: Dict[str, str] = {
    "home": r"bolig|bo\b|bopæl|lejlighed|flytte|sted at bo|vaerelse|værelse|hjem\b",
    "economy": r"økonomi|okonomi|penge|gæld|gaeld|gjald|lån|laan|regninger|kontanthjælp",
    "outside_contact": r"nye venner|folk uden for|mennesker uden for|kontakt med (?:nogen|folk)|"
                       r"netværk|netvaerk",
    "police_social": r"politi|socialforvaltning|kommunen|sagsbehandler|socialrådgiver",
    "family": r"familie|mor\b|far\b|forældre|foraeldre|søskende",
    "social_activities": r"aktivitet|fritid|sport|fodbold|fitness|klub|unge",
    "therapy": r"terapi|psykolog|snakke med nogen|tanker|traume|mareridt",
    "addiction": r"misbrug|stoffer|hash|kokain|coke|alkohol|druk|afhængig|afhaengig|piller",
    "work_education": r"arbejde|job|uddannelse|skole|lære|laere|praktik|læreplads",
}
OFFER_LABELS = {
    "home": "et andet sted at bo",
    "economy": "økonomi og gæld",
    "outside_contact": "kontakt med folk uden for miljøet",
    "police_social": "samarbejde med politi og kommune",
    "family": "kontakt til familien",
    "social_activities": "aktiviteter med andre unge",
    "therapy": "terapi",
    "addiction": "misbrugsbehandling",
    "work_education": "arbejde eller uddannelse",
}

# What made them want a change: the reasons the source names, plus "other".
MOTIVATION_CATEGORIES: Dict[str, str] = {
    "family_duty": r"far\b|blevet far|barn|baby|datter|søn|kæreste er gravid|gravid|familie",
    "loss": r"død|dod|døde|begravelse|mistet|miste|dræbt|skudt|stukket",
    "work": r"job|arbejde|uddannelse|skole|læreplads",
    "hurt": r"såret|saaret|slået|tæsk|angst|bange|truet|hospital",
    "tired": r"træt|traet|orker|gider ikke|nok nu|vil have ro|fængsel|faengsel|sidde inde",
}

_SKIP = re.compile(
    r"^(?:spring over|skip|næste|naeste|ved ikke|ved det ikke|vil ikke svare|"
    r"helst ikke|det vil jeg (?:helst )?ikke sige|nej tak|pas|ingen kommentar)\b"
)
_YES = re.compile(r"^(?:ja|jo|jep|jaa+|yes|ok|okay|fint|gerne|selvfølgelig|det må i|klart)\b")
_NO = re.compile(r"^(?:nej|nope|nej tak|ikke|helst ikke|no)\b")


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text or "").lower().strip()
    return " ".join(text.split())


def is_skip(text: str, intent: Optional[str]) -> bool:
    return intent == "skip" or bool(_SKIP.match(normalise(text)))


def yes_or_no(text: str, intent: Optional[str]) -> Optional[bool]:
    if intent == "affirm":
        return True
    if intent == "deny":
        return False
    text = normalise(text)
    if _NO.match(text):
        return False
    if _YES.match(text):
        return True
    return None


def role(text: str) -> Optional[str]:
    text = normalise(text)
    found = detect_role(text)
    if found:
        return found[0]
    if re.search(r"pårørende|paarorende|mor|far|forælder|søster|bror|kæreste", text):
        return "relative"
    if re.search(r"fagperson|lærer|laerer|pædagog|socialrådgiver|sagsbehandler|arbejde", text):
        return "professional"
    if re.search(r"\b(?:mig|mig selv|selv|jeg)\b", text):
        return "self"
    return None


def age_group(text: str) -> Optional[str]:
    text = normalise(text)
    if text in AGE_GROUPS:
        return text
    match = re.search(r"\b(\d{1,2})\b", text)
    if match:
        age = int(match.group(1))
        if 8 <= age < 15:
            return "under_15"
        if 15 <= age < 18:
            return "15_17"
        if 18 <= age < 25:
            return "18_24"
        if 25 <= age < 100:
            return "25_plus"
    if re.search(r"under 15|under femten", text):
        return "under_15"
    if re.search(r"under 18|ikke myndig|mindreårig", text):
        return "15_17"
    if re.search(r"over 25|voksen", text):
        return "25_plus"
    return None


def custody(text: str) -> Optional[str]:
    text = normalise(text)
    if text in CUSTODY_STATES:
        return text
    if re.search(r"løslad|loeslad|loslad|kommer ud", text):
        if re.search(r"blev|er blevet|for nylig|lige kommet|sidste|siden", text):
            return "recently_released"
        return "release_soon"
    if re.search(r"sidder inde|fængsel|faengsel|fængslet|varetægt|varetaegt|afsoner|fange", text):
        return "in_custody"
    if re.search(r"^(?:nej|nix|ikke)\b|er ude|er fri", text):
        return "no"
    return None


def municipality(text: str) -> Optional[str]:
    text = normalise(text)
    exact = canonical(text)
    if exact:
        return exact
    for prefix in ("jeg bor i ", "bor i ", "i ", "kommune "):
        if text.startswith(prefix):
            found = canonical(text[len(prefix):])
            if found:
                return found
    return None


def municipality_suggestions(text: str) -> List[str]:
    text = normalise(text)
    for prefix in ("jeg bor i ", "bor i ", "i "):
        if text.startswith(prefix):
            text = text[len(prefix):]
    return suggestions(text)


def offers(text: str) -> List[str]:
    text = normalise(text)
    if text in OFFERS:
        return [text]
    return [key for key, pattern in OFFERS.items() if re.search(pattern, text)]


def safe_to_call(text: str, intent: Optional[str]) -> Optional[str]:
    text = normalise(text)
    if text in SAFETY:
        return text
    if re.search(r"kun|efter kl|før kl|om (?:aftenen|morgenen|dagen)|når|tidspunkt", text):
        return "some_times"
    if re.search(r"ikke sikkert|ikke sikker|nej|må ikke|de lytter|de ser min telefon", text):
        return "no"
    answer = yes_or_no(text, intent)
    if answer is True or re.search(r"sikkert|det er fint|det går", text):
        return "yes"
    return None


def motivation_category(text: str) -> str:
    text = normalise(text)
    for category, pattern in MOTIVATION_CATEGORIES.items():
        if re.search(pattern, text):
            return category
    return "other"
