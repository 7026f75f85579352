import os
import socket
import subprocess
import sys

import pytest
import requests

from bot import ROOT
from bot.launcher import Stack

MODEL = ROOT / "models" / "exitbot.tar.gz"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


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
