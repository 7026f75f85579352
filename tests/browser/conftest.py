"""Headless Chromium against the running stack (the `stack` fixture of tests/conftest.py)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

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


@pytest.fixture(scope="session")
def browser():
    playwright_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.fail("Chromium is missing: apt-get install -y chromium")
    with playwright_api.sync_playwright() as playwright:
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


BOOK = """
import sys
from datetime import datetime, timedelta
from bot.bookings import service
from bot.config import TIMEZONE
day = datetime.now(TIMEZONE) + timedelta(days=1)
while day.weekday() > 3:
    day += timedelta(days=1)
start = day.replace(hour=10, minute=0, second=0, microsecond=0)
service.save_phone_draft(sys.argv[1], "+4520304050")
row = service.book(sys.argv[1], "self", "national_exit", start, {"age_group": "18_24"})
print(row.reference)
"""


@pytest.fixture
def booked(stack):
    """Books a callback in the stack's databases (as the booking action does); its reference."""
    def run(sender):
        env = {**os.environ, "EXITBOT_DB_URL": f"sqlite:///{stack.var / 'bookings.db'}",
               "EXITBOT_KEY_FILE": str(stack.var / "secret.key")}
        done = subprocess.run([sys.executable, "-c", BOOK, sender], env=env, cwd=ROOT,
                              capture_output=True, text=True, check=True)
        return done.stdout.strip().splitlines()[-1]
    return run
