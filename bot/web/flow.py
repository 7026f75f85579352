"""The staff flow tester: what happened in a turn, and a conversation as a Rasa test story.

Both work on the event dicts of Rasa's HTTP API (`GET /conversations/<id>/tracker`).
"""

from __future__ import annotations

import json
from typing import Any, Dict, List, Optional

import yaml

from bot.dialogue.turn import retrieval_key

# Bookkeeping that does not belong in a test story.
SKIPPED_ACTIONS = {"action_listen", "action_session_start", "action_unlikely_intent",
                   "action_extract_slots"}
TEST_SENDER_PREFIX = "staff-test-"


def turn_summary(events: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Intent, runners-up, entities, changed slots and chosen actions of the given events."""
    summary: Dict[str, Any] = {"user": None, "intent": None, "candidates": [], "entities": [],
                               "slots": [], "actions": [], "active_loop": []}
    for event in events:
        kind = event.get("event")
        if kind == "user":
            parse = event.get("parse_data") or {}
            intent = parse.get("intent") or {}
            ranking = [r for r in parse.get("intent_ranking") or []
                       if r.get("name") != intent.get("name")]
            summary["user"] = event.get("text")
            summary["intent"] = {"name": retrieval_key(parse) or intent.get("name"),
                                 "confidence": intent.get("confidence")}
            summary["candidates"] = [{"name": r.get("name"), "confidence": r.get("confidence")}
                                     for r in ranking[:2]]
            summary["entities"] = [{"entity": e.get("entity"), "value": e.get("value"),
                                    "extractor": e.get("extractor")}
                                   for e in parse.get("entities") or event.get("entities") or []]
        elif kind == "slot":
            summary["slots"].append({"name": event.get("name"), "value": event.get("value")})
        elif kind == "action" and event.get("name") not in ("action_listen",):
            summary["actions"].append({"name": event.get("name"), "policy": event.get("policy"),
                                       "confidence": event.get("confidence")})
        elif kind == "active_loop":
            summary["active_loop"].append(event.get("name"))
    return summary


def _annotate(text: str, entities: List[Dict[str, Any]]) -> str:
    """`jeg bor i [århus]{"entity": "municipality", "value": "Aarhus"}` for rasa test."""
    spans = []
    for entity in sorted(entities, key=lambda e: (e.get("start") or 0, -(e.get("end") or 0))):
        start, end = entity.get("start"), entity.get("end")
        if not isinstance(start, int) or not isinstance(end, int) or not 0 <= start < end:
            continue
        if spans and start < spans[-1][1]:
            continue  # overlapping annotations cannot be written inline
        spans.append((start, end, entity))
    out, position = [], 0
    for start, end, entity in spans:
        span = text[start:end]
        fields: Dict[str, Any] = {"entity": entity["entity"]}
        if entity.get("value") is not None and str(entity["value"]) != span:
            fields["value"] = entity["value"]
        for key in ("role", "group"):
            if entity.get(key):
                fields[key] = entity[key]
        label = (f"({entity['entity']})" if len(fields) == 1
                 else json.dumps(fields, ensure_ascii=False))
        out.append(text[position:start] + f"[{span}]{label}")
        position = end
    out.append(text[position:])
    return "".join(out)


def story_steps(events: List[Dict[str, Any]]) -> List[Dict[str, Any]]:
    # Only the latest session: what came before a session start is not part of this story.
    starts = [i for i, e in enumerate(events) if e.get("event") == "session_started"]
    if starts:
        events = events[starts[-1] + 1:]
    steps: List[Dict[str, Any]] = []
    for event in events:
        kind = event.get("event")
        if kind == "user":
            parse = event.get("parse_data") or {}
            intent = retrieval_key(parse) or (parse.get("intent") or {}).get("name")
            text = event.get("text") or ""
            if not intent:
                continue
            if not text.startswith("/"):
                text = _annotate(text, parse.get("entities") or event.get("entities") or [])
            steps.append({"user": text, "intent": intent})
        elif kind == "action" and event.get("name") and event["name"] not in SKIPPED_ACTIONS:
            steps.append({"action": event["name"]})
        elif kind == "slot":
            pair = {event.get("name"): event.get("value")}
            if steps and "slot_was_set" in steps[-1]:
                steps[-1]["slot_was_set"].append(pair)
            else:
                steps.append({"slot_was_set": [pair]})
        elif kind == "active_loop":
            steps.append({"active_loop": event.get("name")})
        elif kind in ("restart", "rewind", "undo"):
            continue
    return steps


class _Literal(str):
    pass


def _literal(dumper: yaml.SafeDumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value + "\n", style="|")


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(_Literal, _literal)


def test_story_yaml(events: List[Dict[str, Any]], name: Optional[str] = None) -> str:
    steps = story_steps(events)
    for step in steps:
        if "user" in step:
            step["user"] = _Literal(step["user"])
    document = {"version": "3.1",
                "stories": [{"story": name or "staff flow test", "steps": steps}]}
    return yaml.dump(document, Dumper=_Dumper, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)
