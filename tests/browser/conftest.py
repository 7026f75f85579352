"""Headless Chromium against the running stack (the `stack` fixture of tests/conftest.py)."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from bot import ROOT
from bot.web import auth

SCREENS = ROOT / "reports" / "screens"
PASSWORD = "browser-test-password-1"
STAFF_USER = "testperson"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]

@pytest.fixture(scope="session")
def web(stack):
    """The web server's address; the staff password hash sits in the stack's var/."""
    (Path(stack.var) / "staff_password.hash").write_text(auth.hash_password(PASSWORD) + "\n")
    return f"http://127.0.0.1:{stack.web_port}"


@pytest.fixture(scope="module")
def browser():
    # Per module: Playwright's sync API keeps an event loop running while it is open, which
    # would break later tests that call asyncio.run().
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def context(browser, web):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="da-DK",
                                  accept_downloads=True)
    context.set_default_timeout(60_000)
    yield context
    context.close()


@pytest.fixture
def page(context, web):
    page = context.new_page()
    page.foreign_requests = []
    page.errors = []

    def watch(request):
        if not request.url.startswith((web, "data:", "about:")):
            page.foreign_requests.append(request.url)

    page.on("request", watch)
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert not page.foreign_requests, page.foreign_requests
    assert not page.errors, page.errors


@pytest.fixture
def sign_in(web):
    """Signs a page in to the staff console (with the right password unless told)."""
    def run(page, password=PASSWORD, user=STAFF_USER):
        page.goto(f"{web}/staff")
        page.fill("#user", user)
        page.fill("#password", password)
        page.click("form button[type=submit]")
        page.wait_for_load_state()
    run.password, run.user = PASSWORD, STAFF_USER
    return run


@pytest.fixture
def screenshot():
    def run(page, name):
        SCREENS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENS / f"{name}.png"), full_page=False)
    return run


def _bot_count(page):
    return page.locator("#log .msg.bot").count()


def _after(page, act):
    before = _bot_count(page)
    act()
    page.locator("#log .msg.bot").nth(before).wait_for()
    page.locator("#typing").wait_for(state="hidden")


def choose(page, title):
    """Clicks the newest quick reply with this title and waits for the answer."""
    _after(page, lambda: page.locator("#log .choices button", has_text=title).last.click())


def type_message(page, text):
    def act():
        page.fill("#message", text)
        page.keyboard.press("Enter")
    _after(page, act)


@pytest.fixture
def book_in_chat(web):
    """Books a callback the way a visitor does: buttons and typing on the chat page."""
    def run(page):
        page.goto(f"{web}/")
        page.locator("#log .msg.bot").first.wait_for()
        choose(page, "Bliv ringet op")
        choose(page, "Mig, jeg vil selv ud")
        choose(page, "Spring over")
        choose(page, "18–24")
        choose(page, "Nej")
        type_message(page, "Odense")
        choose(page, "Et andet sted at bo")
        choose(page, "Ja, det er sikkert")
        _after(page, lambda: page.locator("#log .choices button").first.click())
        type_message(page, "20 30 40 50")
        choose(page, "Ja, det må I")
        choose(page, "Ja, bestil")
        confirmation = page.locator("#log .msg.bot").last.inner_text()
        found = re.search(r"\b[A-HJ-NP-Z2-9]{4}-[A-HJ-NP-Z2-9]{4}\b", confirmation)
        assert found, confirmation
        return found.group(0)
    return run
