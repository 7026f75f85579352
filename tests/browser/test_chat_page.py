"""The anonymous chat page in headless Chromium against the real stack."""

import re
import sqlite3

import pytest

pytestmark = pytest.mark.browser


def stored_events(stack, sender):
    with sqlite3.connect(stack.var / "tracker.db") as db:
        return [row[0] for row in db.execute(
            "SELECT data FROM events WHERE sender_id = ?", (sender,))]


def wait_for_bot_message(page, count):
    """Waits until there are more than `count` bot messages (no eval: the CSP forbids it)."""
    page.locator("#log .msg.bot").nth(count).wait_for()


def conversation_id(page):
    return page.evaluate("sessionStorage.getItem('exitbot-id')")


def bot_messages(page):
    return page.locator("#log .msg.bot")


def test_chat_exchange_with_a_button(page, context, web, screenshot):
    page.goto(f"{web}/")
    bot_messages(page).first.wait_for()
    greeting = bot_messages(page).first.inner_text().lower()
    assert "automatisk assistent" in greeting and "112" in greeting
    assert re.fullmatch(r"[0-9a-f]{32}", conversation_id(page))
    assert context.cookies() == []
    # the new message is also put in the polite live region for screen readers
    assert "automatisk assistent" in page.locator("#announcer").inner_text().lower()

    choice = page.locator("#log .choices button").first
    title, payload = choice.inner_text(), choice.get_attribute("data-payload")
    assert payload
    before = bot_messages(page).count()
    choice.click()
    page.locator("#log .msg.me").last.wait_for()
    assert page.locator("#log .msg.me").last.inner_text().endswith(title)
    wait_for_bot_message(page, before)
    assert page.locator("#typing").is_hidden()

    # keyboard only: type and press Enter
    page.locator("#message").focus()
    page.keyboard.type("hvorfor er det så svært at komme ud af banden")
    before = bot_messages(page).count()
    page.keyboard.press("Enter")
    wait_for_bot_message(page, before)
    screenshot(page, "chat-phone")
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot(page, "chat-desktop")
    assert context.cookies() == []


def test_quick_exit_replaces_the_history_entry(page, web):
    page.goto(f"{web}/static/exit.html?before")
    page.goto(f"{web}/")
    bot_messages(page).first.wait_for()
    assert page.locator("#quick-exit").is_visible()
    page.keyboard.press("Escape")
    page.wait_for_url(f"{web}/static/exit.html")
    assert page.evaluate("sessionStorage.length") == 0
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{web}/static/exit.html?before"  # the chat is gone from the history

    page.goto(f"{web}/")
    bot_messages(page).first.wait_for()
    page.click("#quick-exit")
    page.wait_for_url(f"{web}/static/exit.html")
    page.go_back()
    page.wait_for_load_state()
    assert page.url == f"{web}/static/exit.html?before"


def test_deleting_the_conversation_erases_it_and_starts_a_new_one(page, stack, web):
    page.goto(f"{web}/")
    bot_messages(page).first.wait_for()
    old_id = conversation_id(page)
    before = bot_messages(page).count()
    page.fill("#message", "min mail er test@example.com")
    page.click("button.send")
    wait_for_bot_message(page, before)
    assert stored_events(stack, old_id)

    before = bot_messages(page).count()
    page.click("#delete")
    wait_for_bot_message(page, before)
    confirm = page.locator("#log .choices button", has_text="Ja, slet")
    assert confirm.count() == 1, page.locator("#log").inner_text()
    confirm.click()
    page.locator("#log .msg.note").wait_for()
    assert "slettet" in page.locator("#log").inner_text()
    new_id = conversation_id(page)
    assert new_id and new_id != old_id
    assert stored_events(stack, old_id) == []
    assert "test@example.com" not in page.locator("#log").inner_text()


def test_an_unreachable_server_gets_a_danish_message_with_112_and_a_retry(page, web):
    page.route("**/api/message", lambda route: route.abort())
    page.goto(f"{web}/")
    status = page.locator("#status")
    status.wait_for()
    assert "112" in status.inner_text()
    page.unroute("**/api/message")
    page.click("#retry")
    bot_messages(page).first.wait_for()
    assert status.is_hidden()
