"""One user turn as the dialogue logic sees it, independent of the Rasa SDK."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Dict, List, Optional

from bot.config import TIMEZONE


@dataclass
class Turn:
    sender_id: str
    text: str = ""
    intent: Optional[str] = None
    confidence: float = 0.0
    retrieval: Optional[str] = None  # e.g. "faq/mentor" when the message is a known question
    entities: Dict[str, Any] = field(default_factory=dict)
    slots: Dict[str, Any] = field(default_factory=dict)
    now: datetime = field(default_factory=lambda: datetime.now(TIMEZONE))


@dataclass
class Reply:
    """Slot updates plus messages for the dispatcher (kwargs of utter_message)."""

    slots: Dict[str, Any] = field(default_factory=dict)
    messages: List[Dict[str, Any]] = field(default_factory=list)
    followup: Optional[str] = None  # an action to run next, e.g. to re-open a form

    def say(self, text: str = "", buttons: Optional[List[Dict[str, str]]] = None,
            response: Optional[str] = None) -> "Reply":
        message: Dict[str, Any] = {}
        if response:
            message["response"] = response
        if text:
            message["text"] = text
        if buttons:
            message["buttons"] = buttons
        self.messages.append(message)
        return self


def retrieval_key(parse_data: Dict[str, Any]) -> Optional[str]:
    """The knowledge question a parsed message is ("faq/mentor"), or None.

    The classifier proposes an answer per retrieval family, keyed by the family's name as
    Rasa's per-family ResponseSelectors are (a single shared one would sit under "default").
    A proposal belongs to the message only when it is of the recognised intent.
    """
    intent = (parse_data.get("intent") or {}).get("name")
    selectors = parse_data.get("response_selector") or {}
    selected = selectors.get(intent) or selectors.get("default") or {}
    key = (selected.get("response") or {}).get("intent_response_key") or ""
    return key if intent and key.startswith(f"{intent}/") else None


def button(title: str, payload: Optional[str] = None) -> Dict[str, str]:
    return {"title": title, "payload": payload if payload is not None else title}
