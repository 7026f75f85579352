"""The scale profile's nginx: one public port, hardened, in front of stub servers.

The generated configuration is run by the real nginx; Rasa and the web server are replaced
by small stubs that say which one answered, so the test takes seconds.
"""

import json
import shutil
import subprocess
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests

from bot.launcher import free_port
from bot.scale import NGINX, TOO_FAST, TOO_LARGE, ScaleStack

pytestmark = pytest.mark.scale


def stub(name):
    class Handler(BaseHTTPRequestHandler):
        def _answer(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            body = json.dumps([{"recipient_id": "x", "text": name, "path": self.path}]).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            # Rasa with --cors would add this; nginx must not pass it on.
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        do_GET = do_POST = _answer

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture(scope="module")
def edge(tmp_path_factory):
    assert shutil.which(NGINX) or NGINX.startswith("/"), "nginx is needed: make test-scale"
    rasa = [stub("rasa-a"), stub("rasa-b")]
    web = stub("web")
    var = tmp_path_factory.mktemp("scale")
    stack = ScaleStack(rasa_ports=[s.server_port for s in rasa], web_port=web.server_port,
                       public_port=free_port(), rasa_lb_port=free_port(), var=var,
                       log_dir=var / "log", rate="2r/s", burst=4)
    stack.write_nginx_conf()
    process = subprocess.Popen(stack.commands["nginx"], stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{stack.public_port}"
    for _ in range(50):
        try:
            requests.get(base + "/", timeout=1)
            break
        except requests.ConnectionError:
            time.sleep(0.1)
    stack.base, stack.stubs = base, rasa
    yield stack
    process.terminate()
    process.wait(timeout=10)
    for server in rasa + [web]:
        server.shutdown()


def post(edge, body, **kwargs):
    return requests.post(edge.base + "/webhooks/rest/webhook", data=body, timeout=5,
                         headers={"Content-Type": "application/json", **kwargs})


def test_only_the_chat_page_and_the_webhook_are_public(edge):
    assert requests.get(edge.base + "/", timeout=5).json()[0]["text"] == "web"
    assert requests.get(edge.base + "/static/chat.js", timeout=5).json()[0]["text"] == "web"
    relay = requests.post(edge.base + "/api/message", json={}, timeout=5)
    assert relay.json()[0]["text"] == "web"
    for path in ("/status", "/model", "/conversations/x/tracker", "/version", "/staff",
                 "/staff/login", "/health", "/webhooks/rest/"):
        answer = requests.get(edge.base + path, timeout=5)
        assert answer.status_code == 404, path
        assert answer.json() == {"error": "Siden findes ikke."}


def test_the_webhook_is_balanced_across_both_rasa_servers(edge):
    seen = set()
    for _ in range(4):
        answer = post(edge, '{"sender": "a", "message": "hej"}')
        assert answer.status_code == 200
        seen.add(answer.json()[0]["text"])
        time.sleep(0.6)  # stays under the rate limit
    assert seen == {"rasa-a", "rasa-b"}


def test_a_too_large_body_gets_413_in_danish(edge):
    time.sleep(1)
    answer = post(edge, json.dumps({"sender": "a", "message": "x" * 20000}))
    assert answer.status_code == 413
    assert answer.json() == {"error": TOO_LARGE}


def test_cors_only_for_the_pages_own_origin(edge):
    time.sleep(1)
    own = post(edge, '{"sender": "a", "message": "hej"}', Origin=edge.public_origin)
    assert own.headers.get("Access-Control-Allow-Origin") == edge.public_origin
    time.sleep(0.6)
    other = post(edge, '{"sender": "a", "message": "hej"}', Origin="https://evil.example")
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other.headers
    preflight = requests.options(edge.base + "/webhooks/rest/webhook", timeout=5, headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert "Access-Control-Allow-Origin" not in preflight.headers


def test_a_client_that_sends_too_fast_gets_429_with_a_danish_json_answer(edge):
    time.sleep(3)
    with ThreadPoolExecutor(12) as pool:
        answers = list(pool.map(lambda _: post(edge, '{"sender": "b", "message": "hej"}'),
                                range(24)))
    codes = [a.status_code for a in answers]
    assert 200 in codes and 429 in codes, codes
    limited = next(a for a in answers if a.status_code == 429)
    assert limited.json() == {"error": TOO_FAST}
    assert "112" in limited.json()["error"]


def test_when_one_rasa_server_is_gone_the_other_answers(edge):
    edge.stubs[0].shutdown()
    edge.stubs[0].server_close()
    time.sleep(3)
    for _ in range(4):
        answer = post(edge, '{"sender": "c", "message": "hej"}')
        assert answer.status_code == 200
        assert answer.json()[0]["text"] == "rasa-b"
        time.sleep(0.6)
