"""Starts the three processes of the embedded default and stops them together."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Dict, List, Optional

import yaml

from bot import ROOT

VENV_BIN = Path(sys.executable).parent
DEFAULT_MODEL = ROOT / "models" / "exitbot.tar.gz"


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now (for tests and benchmarks)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, timeout: float, process: Optional[subprocess.Popen] = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"process for {url} exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Stack:
    """Action server, Rasa server and web server on the given ports."""

    actions_port: int = 5055
    rasa_port: int = 5005
    web_port: int = 8000
    model: Path = DEFAULT_MODEL
    env: Dict[str, str] = field(default_factory=dict)
    log_dir: Path = ROOT / "var" / "log"
    processes: List[subprocess.Popen] = field(default_factory=list)

    def _endpoints(self) -> Path:
        endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
        endpoints["action_endpoint"]["url"] = f"http://127.0.0.1:{self.actions_port}/webhook"
        handle = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False, prefix="endpoints-")
        yaml.safe_dump(endpoints, handle)
        handle.close()
        return Path(handle.name)

    rasa_token: str = ""

    def _token(self) -> str:
        """The token of Rasa's HTTP API: EXITBOT_RASA_TOKEN, or a fresh one per start."""
        if not self.rasa_token:
            self.rasa_token = (self.env.get("EXITBOT_RASA_TOKEN")
                               or os.environ.get("EXITBOT_RASA_TOKEN")
                               or secrets.token_urlsafe(32))
        return self.rasa_token

    def _start(self, name: str, args: List[str]) -> subprocess.Popen:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = open(self.log_dir / f"{name}.log", "ab")
        # SANIC_HOST: the action server would otherwise listen on every interface.
        env = {**os.environ, "RASA_TELEMETRY_ENABLED": "false", "TF_CPP_MIN_LOG_LEVEL": "3",
               "SANIC_HOST": "127.0.0.1",
               "EXITBOT_RASA_URL": f"http://127.0.0.1:{self.rasa_port}", **self.env,
               "EXITBOT_RASA_TOKEN": self._token()}
        process = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        self.processes.append(process)
        return process

    def rasa_command(self) -> List[str]:
        # The HTTP API (trackers) serves the staff flow tester; it is bound to 127.0.0.1 and
        # needs the token, passed with "=" since a random token can start with "-".
        return [str(VENV_BIN / "rasa"), "run", "--model", str(self.model),
                "--port", str(self.rasa_port), "--interface", "127.0.0.1",
                "--endpoints", str(self._endpoints()), "--credentials", "credentials.yml",
                "--enable-api", f"--auth-token={self._token()}"]

    def start(self, timeout: float = 180) -> "Stack":
        rasa = str(VENV_BIN / "rasa")
        actions = self._start("actions", [rasa, "run", "actions", "--actions", "actions",
                                          "--port", str(self.actions_port)])
        server = self._start("rasa", self.rasa_command())
        web = self._start("web", [sys.executable, "-m", "bot", "web",
                                  "--port", str(self.web_port)])
        try:
            wait_until_up(f"http://127.0.0.1:{self.actions_port}/health", timeout, actions)
            wait_until_up(f"http://127.0.0.1:{self.web_port}/health", timeout, web)
            wait_until_up(f"http://127.0.0.1:{self.rasa_port}/webhooks/rest/", timeout, server)
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        self.processes.clear()


def run() -> int:
    stack = Stack()
    print("Starting the action server, the Rasa server and the web server "
          f"(logs in {stack.log_dir.relative_to(ROOT)}/) …", flush=True)
    stack.start()
    print("Exitbot is running:\n"
          f"  chat page      http://127.0.0.1:{stack.web_port}/\n"
          f"  staff console  http://127.0.0.1:{stack.web_port}/staff\n"
          f"  REST channel   http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook\n"
          f"  action server  http://127.0.0.1:{stack.actions_port}/health\n"
          "Press Ctrl-C to stop all three.", flush=True)
    return supervise(dict(zip(("actions", "rasa", "web"), stack.processes, strict=True)),
                     stack.stop)


def _interrupt(*_args) -> None:
    raise KeyboardInterrupt()


def supervise(processes: Dict[str, subprocess.Popen], stop: Callable[[], None]) -> int:
    """Waits for Ctrl-C (exit 0) or for a process to die (exit 1), then stops them all."""
    # Also when started in the background (where SIGINT is ignored) or stopped by a service
    # manager (SIGTERM).
    signal.signal(signal.SIGINT, _interrupt)
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        while all(p.poll() is None for p in processes.values()):
            time.sleep(1)
        dead = [name for name, p in processes.items() if p.poll() is not None]
        print(f"{', '.join(dead)} stopped unexpectedly; see the logs. Stopping the others.")
        return 1
    except KeyboardInterrupt:
        print("\nStopping …")
        return 0
    finally:
        stop()
