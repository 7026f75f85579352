"""The Rasa server commands of both profiles survive any random API token.

secrets.token_urlsafe can start with "-" (1 token in 64). Passed as a separate argument,
argparse took such a token for an option and `rasa run` exited with code 2.
"""

from rasa.__main__ import create_argument_parser

from bot.launcher import Stack
from bot.scale import ScaleStack

TOKEN = "-T4dash-first_token"


def parsed(command):
    assert command[0].endswith("rasa") and command[1] == "run"
    return create_argument_parser().parse_args(command[1:])


def test_the_embedded_rasa_command_keeps_a_token_that_starts_with_a_dash():
    args = parsed(Stack(rasa_token=TOKEN).rasa_command())
    assert args.auth_token == TOKEN and args.enable_api is True


def test_the_scale_rasa_commands_keep_a_token_that_starts_with_a_dash(tmp_path, monkeypatch):
    monkeypatch.setenv("EXITBOT_RASA_TOKEN", TOKEN)
    monkeypatch.setenv("EXITBOT_SCALE_DB_URL", f"sqlite:///{tmp_path / 'bookings.db'}")
    monkeypatch.setenv("EXITBOT_SCALE_TRACKER_DB_URL", f"sqlite:///{tmp_path / 'tracker.db'}")
    monkeypatch.setenv("EXITBOT_KEY_FILE", str(tmp_path / "secret.key"))
    monkeypatch.delenv("TF_INTRA_OP_PARALLELISM_THREADS", raising=False)
    stack = ScaleStack(var=tmp_path, log_dir=tmp_path / "log")
    stack.prepare()
    servers = [name for name in stack.commands if name.startswith("rasa")]
    assert servers == ["rasa1", "rasa2"]
    for name in servers:
        assert parsed(stack.commands[name]).auth_token == TOKEN
    assert stack.process_env("rasa1")["TF_INTRA_OP_PARALLELISM_THREADS"] == "1"


def test_only_the_rasa_servers_get_one_tensorflow_thread(tmp_path, monkeypatch):
    # With these set, any `rasa` command imports TensorFlow: the action server's workers
    # grew from 360 MB to 1.17 GB in one bench run.
    monkeypatch.setenv("TF_INTER_OP_PARALLELISM_THREADS", "2")  # an operator's own choice
    monkeypatch.delenv("TF_INTRA_OP_PARALLELISM_THREADS", raising=False)
    stack = ScaleStack(var=tmp_path)
    stack.rasa_env = {"TF_INTRA_OP_PARALLELISM_THREADS": "1",
                      "TF_INTER_OP_PARALLELISM_THREADS": "2"}
    stack.base_env = {}
    for server in ("rasa1", "rasa2"):
        env = stack.process_env(server)
        assert env["TF_INTRA_OP_PARALLELISM_THREADS"] == "1"
        assert env["TF_INTER_OP_PARALLELISM_THREADS"] == "2"
    assert not {"TF_INTRA_OP_PARALLELISM_THREADS",
                "TF_INTER_OP_PARALLELISM_THREADS"} & set(stack.process_env("actions"))
