"""The public REST channel, hardened for an anonymous chat.

Rasa treats any message starting with "/" as an intent with entities, which would let a
visitor set slots or skip steps by typing `/book{"phone": …}`. Here such a message is
accepted only when it is the payload of a button the assistant offered in its last
message; otherwise the slash is dropped and the text goes through the NLU like any other.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Dict, Iterable, List, Optional, Text

import aiohttp
from rasa.core.channels.rest import RestInput
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import (
    ActionExecuted,
    ActiveLoop,
    BotUttered,
    SlotSet,
    UserUtteranceReverted,
    UserUttered,
)
from sanic import response
from sanic.exceptions import InvalidUsage
from sanic.request import Request

from bot import rasa_patches

logger = logging.getLogger(__name__)
# Rasa imports this module in the server process, so the patches apply wherever it serves.
rasa_patches.install()
MAX_MESSAGE_CHARS = 2000
# Payloads the chat page may always send: the greeting on load, and its "Slet samtale"
# button (harmless: the assistant only asks whether to delete).
ALWAYS_ALLOWED = {"/greet", "/delete_conversation"}
# Said when a turn failed: Rasa answers with an empty list when a custom action fails (action
# server down) or when the conversation store failed mid-turn, and with whatever was said
# before when a later custom action failed. Every healthy turn of Exitbot says something, so
# an empty answer is always a failure; never leave a visitor without 112.
ACTIONS_DOWN_APOLOGY = (
    "Beklager, jeg har et teknisk problem lige nu og kan ikke svare ordentligt. "
    "Er du i fare lige nu, så ring 112. Du kan også finde Det Nationale EXIT-kontaktpunkt "
    "på politiets hjemmeside. Prøv gerne igen om lidt."
)
HEALTH_TIMEOUT = 2.0


def offered_payloads(events: Iterable) -> set:
    """Button payloads of the assistant's latest message."""
    for event in reversed(list(events)):
        if isinstance(event, BotUttered):
            return {b.get("payload") for b in (event.data or {}).get("buttons") or []}
    return set()


def guard_message(text: Text, offered: set) -> Text:
    text = text.strip()
    if text.startswith("/") and text not in offered | ALWAYS_ALLOWED:
        return text.lstrip("/ ")
    return text


class GuardedRestInput(RestInput):
    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = await super()._extract_sender(req)
        text = super()._extract_message(req)
        if not isinstance(text, str) or not isinstance(sender, str) or not sender:
            req.ctx.guarded_text = None
            return sender
        offered: set = set()
        if text.strip().startswith("/"):
            tracker = await req.app.ctx.agent.tracker_store.retrieve(sender)
            if tracker is not None:
                offered = offered_payloads(tracker.applied_events())
        req.ctx.guarded_text = guard_message(text, offered)
        return sender

    def _extract_message(self, req: Request) -> Optional[Text]:
        return getattr(req.ctx, "guarded_text", None)

    def blueprint(self, on_new_message):
        webhook = super().blueprint(on_new_message)

        @webhook.middleware("request")
        async def refuse_malformed(request: Request):
            if request.method != "POST":
                return None
            request.ctx.turn_started = time.time()
            request.ctx.failed_actions = []
            rasa_patches.TURN_FAILURES.set(request.ctx.failed_actions)
            problem = request_problem(request)
            if problem:
                return response.json({"error": problem}, status=400)
            return None

        @webhook.middleware("response")
        async def apologise_for_a_failed_turn(request: Request, answer):
            if (request.method != "POST" or not request.path.endswith("/webhook")
                    or answer.status != 200):
                return None
            failed_actions = getattr(request.ctx, "failed_actions", None) or []
            said = answer_messages(answer.body)
            if said is None or (said and not failed_actions):
                return None
            agent = getattr(request.app.ctx, "agent", None)
            endpoint = getattr(agent, "action_endpoint", None)
            if endpoint is not None and not await actions_reachable(endpoint.url):
                logger.error("The action server at %s is unreachable; the visitor got the "
                             "apology.", endpoint.url)
            else:
                logger.error("A turn failed (no answer, or custom actions %s failed; see the "
                             "errors above); the visitor got the apology.", failed_actions)
            sender = (request.json or {}).get("sender") if isinstance(request.json, dict) else None
            if agent is not None and isinstance(sender, str) and sender:
                await forget_failed_turn(agent, sender, getattr(request.ctx, "turn_started", None))
            return response.json(said + [{"recipient_id": sender, "text": ACTIONS_DOWN_APOLOGY}])

        return webhook


def answer_messages(body: Optional[bytes]) -> Optional[List[Dict[str, Any]]]:
    """The messages of a webhook answer, or None when it is not a list of them."""
    try:
        messages = json.loads(body or b"null")
    except ValueError:
        return None
    return messages if isinstance(messages, list) else None


async def forget_failed_turn(agent, sender: str, turn_started: Optional[float]) -> bool:
    """Undo the visitor's last message after a turn that failed.

    A failed custom action loses its events but not the turn: a form whose validation could
    not be reached has already consumed the answer, and a booking that could not be stored
    has already closed the form, so the visitor's retry (the apology asks for one) would no
    longer fit. Rasa's own rewind event takes the conversation back to before the message,
    and what the rewind cannot see is put back (`restoring_events`), so resending it
    continues exactly where the visitor was. Only a message stored by this turn is undone:
    when the store failed, or Rasa gave up on the turn before storing it (the fault test
    shows both), the latest stored message is an earlier one that was answered, and the
    conversation is already as it was.
    """
    if turn_started is None:
        return False
    try:
        async with agent.lock_store.lock(sender):
            tracker = await agent.tracker_store.retrieve(sender)
            # All events, not applied_events(): inside a form Rasa folds the answers out of
            # those, and this turn's message with them.
            said = [e for e in (tracker.events if tracker else []) if isinstance(e, UserUttered)]
            if not said or said[-1].timestamp < turn_started:
                logger.info("Failed turn not stored, nothing to undo: the latest stored message "
                            "(%s) is older than the turn (%.3f).",
                            said[-1].timestamp if said else None, turn_started)
                return False
            before = tracker.travel_back_in_time(turn_started)
            tracker.update(UserUtteranceReverted())
            for event in restoring_events(before, tracker):
                tracker.update(event)
            # The rewind also takes back the `action_listen` before the message; without a
            # new one Rasa would not predict anything for the next message.
            tracker.update(ActionExecuted(ACTION_LISTEN_NAME))
            await agent.tracker_store.save(tracker)
            return True
    except Exception:  # the store may be what failed; the apology goes out regardless
        logger.exception("Could not undo the failed turn of a conversation.")
        return False


def restoring_events(before, after) -> List[Any]:
    """Events that give `after` the form, slots and offered buttons that `before` had.

    Inside a form's happy path Rasa's applied_events() leaves out the visitor's answers
    between two runs of the form, so the rewind goes back to the message that started the
    form. The form, its answers and the question's buttons are put back as they were.
    """
    events: List[Any] = []
    if after.active_loop_name != before.active_loop_name:
        events.append(ActiveLoop(before.active_loop_name))
    events += [SlotSet(name, slot.value) for name, slot in before.slots.items()
               if after.get_slot(name) != slot.value]
    question = next((e for e in reversed(before.applied_events()) if isinstance(e, BotUttered)),
                    None)
    if question is not None and (offered_payloads(after.applied_events())
                                 != offered_payloads([question])):
        events.append(BotUttered(question.text, question.data, question.metadata))
    return events


def health_url(action_url: str) -> str:
    base = action_url.rstrip("/")
    if base.endswith("/webhook"):
        base = base[: -len("/webhook")]
    return base + "/health"


async def actions_reachable(action_url: Optional[str]) -> bool:
    """Whether the action server (or the balancer in front of it) answers its health check."""
    if not action_url:
        return True
    try:
        timeout = aiohttp.ClientTimeout(total=HEALTH_TIMEOUT)
        async with aiohttp.ClientSession(timeout=timeout) as http:
            async with http.get(health_url(action_url)) as answer:
                return answer.status == 200
    except (aiohttp.ClientError, asyncio.TimeoutError, OSError):
        return False


def request_problem(request: Request) -> Optional[str]:
    """A friendly Danish explanation of what is wrong with a webhook request, or None."""
    try:
        body = request.json
    except InvalidUsage:
        body = None
    if not isinstance(body, dict):
        return "Beskeden kunne ikke læses. Send JSON med \"sender\" og \"message\"."
    if not isinstance(body.get("sender"), str) or not body["sender"].strip():
        return "Der mangler et samtale-id (\"sender\")."
    if not isinstance(body.get("message"), str) or not body["message"].strip():
        return "Beskeden er tom. Skriv gerne, hvad du vil spørge om."
    if len(body["message"]) > MAX_MESSAGE_CHARS:
        return f"Beskeden er for lang. Skriv gerne kortere (højst {MAX_MESSAGE_CHARS} tegn)."
    return None
