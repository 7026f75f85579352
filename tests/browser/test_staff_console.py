"""The staff console: sign-in, the callback list and the flow tester."""

import os
import sqlite3
import subprocess

import pytest
import yaml

from bot import ROOT

pytestmark = pytest.mark.browser


def test_wrong_password_is_refused_and_slowed_down(page, context, web, sign_in):
    sign_in(page, password="not the password")
    assert "/staff/login" in page.url
    assert "Forkert" in page.locator(".error").inner_text()
    assert not context.cookies()
    page.goto(f"{web}/staff/flow")
    assert "/staff/login" in page.url
    answer = page.request.get(f"{web}/staff/api/bookings")
    assert answer.status == 401


def test_right_password_signs_in_with_a_strict_cookie(page, context, web, sign_in):
    sign_in(page)
    assert page.url == f"{web}/staff"
    [cookie] = context.cookies()
    assert cookie["httpOnly"] and cookie["sameSite"] == "Strict"
    # POSTs need the CSRF token besides the cookie
    answer = page.request.post(f"{web}/staff/api/bookings/AAAA-AAAA/status",
                               data={"status": "done"})
    assert answer.status == 403
    page.click("text=Log ud")
    page.wait_for_url(f"{web}/staff/login")


def test_a_callback_booked_in_the_chat_reaches_the_staff_list(page, stack, web, sign_in,
                                                               book_in_chat, screenshot):
    reference = book_in_chat(page)
    sign_in(page)
    row = page.locator(f"tr[data-reference='{reference}']")
    row.wait_for()
    assert "+4520304050" not in page.content()
    row.get_by_role("button", name="Vis telefonnummer").click()
    row.locator(".phone").wait_for()
    assert row.locator(".phone").inner_text() == "+4520304050"
    with sqlite3.connect(stack.var / "bookings.db") as db:
        audit = db.execute("SELECT staff_user FROM phone_reveals WHERE reference = ?",
                           (reference,)).fetchall()
    assert (sign_in.user,) in audit
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot(page, "staff-callbacks")

    row.get_by_role("button", name=f"Marker {reference} som udført").click()
    page.locator("#message", has_text=reference).wait_for()
    # The message comes first; the list is fetched again after it.
    page.locator(f"tr[data-reference='{reference}']").wait_for(state="detached")
    assert page.locator(f"tr[data-reference='{reference}']").count() == 0
    page.select_option("#status", "done")
    page.locator(f"tr[data-reference='{reference}']").wait_for()


def test_flow_tester_shows_the_intent_and_exports_a_test_story(page, stack, web, tmp_path,
                                                                sign_in, screenshot):
    sign_in(page)
    page.goto(f"{web}/staff/flow")
    page.locator("#sender", has_text="staff-test-").wait_for()
    sender = page.locator("#sender").inner_text()
    page.fill("#text", "hej")
    page.click("#say button[type=submit]")
    intent = page.locator(".turn .intent").first
    intent.wait_for()
    assert intent.inner_text().startswith("greet")
    assert "utter_greet" in page.locator(".turn").first.inner_text()
    choice = page.locator(".turn .buttons button").first
    payload = choice.get_attribute("title")
    choice.click()
    page.locator(".turn .intent").nth(1).wait_for()
    second_intent = page.locator(".turn .intent").nth(1).inner_text().split(" ")[0]
    page.set_viewport_size({"width": 1280, "height": 800})
    screenshot(page, "staff-flow-tester")

    with page.expect_download() as download:
        page.click("#export")
    path = tmp_path / "story.yml"
    download.value.save_as(path)
    story = yaml.safe_load(path.read_text())
    steps = story["stories"][0]["steps"]
    assert {"user": "hej\n", "intent": "greet"} in steps or \
        {"user": "hej", "intent": "greet"} in steps
    assert {"action": "utter_greet"} in steps
    users = [s for s in steps if "user" in s]
    assert len(users) == 2
    assert users[1]["intent"] == second_intent
    assert users[1]["user"].strip() == payload or "[" in users[1]["user"]
    assert len([s for s in steps if "action" in s]) >= 2
    assert sender in story["stories"][0]["story"]

    # Saved into a test folder, the story passes `rasa test` with its texts through the NLU.
    stories = tmp_path / "stories"
    stories.mkdir()
    (stories / "test_exported.yml").write_text(path.read_text())
    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false"}
    done = subprocess.run([str(ROOT / ".venv" / "bin" / "rasa"), "test", "core", "--e2e",
                           "--model", str(stack.model), "--stories", str(stories),
                           "--fail-on-prediction-errors", "--out", str(tmp_path / "out")],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
