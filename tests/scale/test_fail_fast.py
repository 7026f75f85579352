"""The scale profile fails fast and tells the visitor what to do when a part is down."""

import os
import signal
import subprocess
import sys
import time

import pytest
import requests

from bot import ROOT
from bot.channels import ACTIONS_DOWN_APOLOGY
from bot.launcher import VENV_BIN, free_port, wait_until_up

pytestmark = pytest.mark.scale
MODEL = ROOT / "models" / "exitbot.tar.gz"


def test_rasa_refuses_to_start_when_the_conversation_database_is_unreachable(tmp_path):

    env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false",
           "EXITBOT_TRACKER_DB_URL": "postgresql://postgres@127.0.0.1:1/exitbot_tracker"}
    started = time.monotonic()
    result = subprocess.run(
        [str(VENV_BIN / "rasa"), "run", "--model", str(MODEL), "--port", str(free_port()),
         "--interface", "127.0.0.1", "--endpoints", "endpoints.yml",
         "--credentials", "credentials.yml"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=180)
    elapsed = time.monotonic() - started
    output = result.stdout + result.stderr
    assert result.returncode != 0, output[-2000:]
    assert "cannot be reached" in output and "Refusing to start" in output, output[-2000:]
    assert "127.0.0.1:1" in output
    assert elapsed < 180


def test_actions_down_gives_a_danish_apology_and_the_conversation_resumes(stack):
    url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook"

    def say(text, sender="scale-actions-down"):
        answer = requests.post(url, json={"sender": sender, "message": text}, timeout=60)
        assert answer.status_code == 200
        return answer.json()

    say("hej")
    actions = stack.processes[0]
    os.killpg(actions.pid, signal.SIGTERM)
    actions.wait(timeout=30)
    try:
        # The explanation of the callback is a plain response and still comes; the form that
        # follows cannot start. Without the apology the visitor would wait for a question.
        answer = say("/request_callback")
        text = "\n".join(m.get("text", "") for m in answer)
        assert ACTIONS_DOWN_APOLOGY in text
        assert "112" in text and "politiets hjemmeside" in text
        assert "http" not in text  # no invented address
    finally:
        stack.processes.remove(actions)
        restarted = stack._start("actions", [str(VENV_BIN / "rasa"), "run", "actions",
                                             "--actions", "actions",
                                             "--port", str(stack.actions_port)])
        stack.processes.insert(0, stack.processes.pop())
        wait_until_up(f"http://127.0.0.1:{stack.actions_port}/health", 120, restarted)
    # The visitor asks again, as the apology asked them to: the form starts, and the booking
    # can be completed in the same conversation.
    answer = say("/request_callback")
    text = "\n".join(m.get("text", "") for m in answer)
    assert ACTIONS_DOWN_APOLOGY not in text and "Hvem skal vi ringe til" in text, answer
    answer = say('/inform_role{"asker":"self"}')
    text = "\n".join(m.get("text", "") for m in answer)
    assert "forandring" in text, answer
    from tests.e2e.test_rest_channel import finish_booking

    class Chat:
        def say(self, text):
            return say(text)

        text = staticmethod(lambda m: "\n".join(x.get("text", "") for x in m))
        buttons = staticmethod(lambda m: [b for x in m for b in x.get("buttons") or []])

    reference, _ = finish_booking(Chat())
    assert reference


if __name__ == "__main__":
    sys.exit(pytest.main([__file__]))
