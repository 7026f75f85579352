import os
import subprocess
import sys
import uuid
from datetime import datetime

import pytest
import requests

from bot import ROOT
from bot.launcher import Stack, free_port

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

POSTGRES_URL = os.environ.get("EXITBOT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _use_database(monkeypatch, url, tmp_path):
    from bot.bookings import crypto, db

    monkeypatch.setenv("EXITBOT_DB_URL", url)
    monkeypatch.setenv("EXITBOT_KEY_FILE", str(tmp_path / "secret.key"))
    monkeypatch.setattr("bot.config.KEY_FILE", tmp_path / "secret.key")
    crypto._fernet.cache_clear()
    db.migrate(url)
    return url


@pytest.fixture
def bookings_db(monkeypatch, tmp_path):
    """A fresh, migrated SQLite bookings database and encryption key for one test."""
    yield _use_database(monkeypatch, f"sqlite:///{tmp_path / 'bookings.db'}", tmp_path)


@pytest.fixture(params=["sqlite", "postgres"])
def any_bookings_db(request, monkeypatch, tmp_path):
    """The same test on SQLite and on Postgres (a fresh schema on the local server)."""
    if request.param == "sqlite":
        yield _use_database(monkeypatch, f"sqlite:///{tmp_path / 'bookings.db'}", tmp_path)
        return
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        yield _use_database(monkeypatch, url, tmp_path)
    finally:
        from bot.bookings import db

        db.engine(url).dispose()
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def monday_morning():
    """A fixed 'now': Monday 30 November 2026, 08:00 in Copenhagen."""
    from bot.config import TIMEZONE

    return datetime(2026, 11, 30, 8, 0, tzinfo=TIMEZONE)


# --- the running stack, shared by tests/e2e and tests/browser (one start per session) ---

MODEL = ROOT / "models" / "exitbot.tar.gz"


@pytest.fixture(scope="session")
def stack(tmp_path_factory):
    """Action server, Rasa server and web server on free ports, with their own databases."""
    if not MODEL.exists():
        pytest.fail("no trained model: run `make train` (make test does it first)")
    var = tmp_path_factory.mktemp("var")
    env = {
        "EXITBOT_VAR": str(var),
        "EXITBOT_DB_URL": f"sqlite:///{var / 'bookings.db'}",
        "EXITBOT_TRACKER_DB_URL": f"sqlite:///{var / 'tracker.db'}",
        "EXITBOT_KEY_FILE": str(var / "secret.key"),
        # Tests never leave for a third-party site, not even on the quick exit.
        "EXITBOT_QUICK_EXIT_URL": "/static/exit.html",
    }
    subprocess.run([sys.executable, "-m", "bot", "migrate"], env={**os.environ, **env},
                   check=True, capture_output=True)
    running = Stack(actions_port=free_port(), rasa_port=free_port(), web_port=free_port(),
                    model=MODEL, env=env, log_dir=var / "log").start(timeout=240)
    running.var = var
    yield running
    running.stop()
    assert all(p.poll() is not None for p in running.processes) or not running.processes


class Chat:
    def __init__(self, stack, sender):
        self.url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook"
        self.sender = sender

    def say(self, text):
        answer = requests.post(self.url, json={"sender": self.sender, "message": text},
                               timeout=60)
        answer.raise_for_status()
        return answer.json()

    @staticmethod
    def text(messages):
        return "\n".join(m.get("text", "") for m in messages)

    @staticmethod
    def buttons(messages):
        return [b for m in messages for b in m.get("buttons") or []]


@pytest.fixture
def chat(stack, request):
    return Chat(stack, f"e2e-{request.node.name}")


@pytest.fixture
def cli(stack):
    def run(*args):
        env = {**os.environ, "EXITBOT_DB_URL": f"sqlite:///{stack.var / 'bookings.db'}",
               "EXITBOT_KEY_FILE": str(stack.var / "secret.key")}
        return subprocess.run([sys.executable, "-m", "bot", *args], env=env, capture_output=True,
                              text=True, cwd=ROOT)
    return run
