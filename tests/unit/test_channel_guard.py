"""Typed "/intent{…}" messages are only accepted when they were offered as buttons."""

from rasa.shared.core.events import BotUttered, UserUttered

from bot.channels import ALWAYS_ALLOWED, guard_message, offered_payloads


def events_with_buttons(*payloads):
    buttons = [{"title": p, "payload": p} for p in payloads]
    return [UserUttered("hej"), BotUttered("Vælg", data={"buttons": buttons})]


def test_offered_payload_passes_unchanged():
    offered = offered_payloads(events_with_buttons("/affirm", "/deny"))
    assert guard_message("/affirm", offered) == "/affirm"


def test_typed_command_that_was_not_offered_becomes_plain_text():
    offered = offered_payloads(events_with_buttons("/affirm"))
    assert guard_message('/inform{"phone":"12345678"}', offered) == 'inform{"phone":"12345678"}'
    assert guard_message("/request_callback", offered) == "request_callback"


def test_only_the_latest_bot_message_counts():
    events = events_with_buttons("/affirm") + [BotUttered("Ingen knapper her")]
    assert offered_payloads(events) == set()
    assert guard_message("/affirm", offered_payloads(events)) == "affirm"


def test_greeting_and_erasure_request_are_always_allowed():
    assert ALWAYS_ALLOWED == {"/greet", "/delete_conversation"}
    assert guard_message("/greet", offered_payloads([])) == "/greet"
    later = events_with_buttons("/affirm")
    assert guard_message("/delete_conversation", offered_payloads(later)) == "/delete_conversation"


def test_ordinary_text_is_untouched():
    assert guard_message("  jeg vil gerne ud  ", set()) == "jeg vil gerne ud"
