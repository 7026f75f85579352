"""The staff console's building blocks without a browser or a running stack."""

import yaml

from bot.web import auth, flow

EVENTS = [
    {"event": "action", "name": "action_session_start"},
    {"event": "session_started"},
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": "jeg bor i århus",
     "parse_data": {"intent": {"name": "inform", "confidence": 0.91},
                    "intent_ranking": [{"name": "inform", "confidence": 0.91},
                                       {"name": "greet", "confidence": 0.05},
                                       {"name": "deny", "confidence": 0.02},
                                       {"name": "affirm", "confidence": 0.01}],
                    "entities": [{"entity": "municipality", "value": "Aarhus", "start": 10,
                                  "end": 15, "extractor": "MunicipalityExtractor"}]}},
    {"event": "slot", "name": "municipality", "value": "Aarhus"},
    {"event": "action", "name": "callback_form", "policy": "RulePolicy", "confidence": 1.0},
    {"event": "active_loop", "name": "callback_form"},
    {"event": "slot", "name": "custody", "value": "no"},
    {"event": "slot", "name": "requested_slot", "value": None},
    {"event": "bot", "text": "Tak."},
    {"event": "action", "name": "action_listen"},
    {"event": "user", "text": '/inform{"custody":"no"}',
     "parse_data": {"intent": {"name": "inform", "confidence": 1.0},
                    "entities": [{"entity": "custody", "value": "no"}]}},
]


def test_turn_summary_has_intent_runners_up_slots_and_actions():
    turn = flow.turn_summary(EVENTS[3:10])
    assert turn["intent"] == {"name": "inform", "confidence": 0.91}
    assert [c["name"] for c in turn["candidates"]] == ["greet", "deny"]
    assert turn["entities"][0]["value"] == "Aarhus"
    assert [s["name"] for s in turn["slots"]] == ["municipality", "custody", "requested_slot"]
    assert turn["actions"][0]["name"] == "callback_form"


def test_exported_story_is_a_rasa_test_story():
    story = yaml.safe_load(flow.test_story_yaml(EVENTS, name="x"))
    steps = story["stories"][0]["steps"]
    assert steps[0] == {"user": 'jeg bor i [århus]{"entity": "municipality", '
                                '"value": "Aarhus"}\n', "intent": "inform"}
    assert steps[1] == {"slot_was_set": [{"municipality": "Aarhus"}]}
    assert steps[2] == {"action": "callback_form"}
    assert steps[3] == {"active_loop": "callback_form"}
    assert steps[4] == {"slot_was_set": [{"custody": "no"}, {"requested_slot": None}]}
    assert steps[5] == {"user": '/inform{"custody":"no"}\n', "intent": "inform"}
    assert not [s for s in steps if s.get("action") in ("action_listen", "action_session_start")]


def test_password_hashes_verify_and_sessions_are_signed():
    stored = auth.hash_password("a long enough password")
    assert auth.verify_password("a long enough password", stored)
    assert not auth.verify_password("another password", stored)
    assert not auth.verify_password("x", "not a hash")
    sessions = auth.Sessions(b"secret")
    cookie = sessions.issue("ab")
    session = sessions.check(cookie)
    assert session["u"] == "ab"
    assert sessions.check(cookie[:-2] + "xx") is None
    assert auth.Sessions(b"other").check(cookie) is None
    assert sessions.csrf_ok(session, sessions.csrf(session))
    assert not sessions.csrf_ok(session, "forged")
    sessions.revoke(session)
    assert sessions.check(cookie) is None


def test_wrong_passwords_slow_down_exponentially():
    throttle = auth.Throttle(base=0.5, cap=4)
    assert throttle.delay("1.2.3.4") == 0
    for expected in (0.5, 1, 2, 4, 4):
        throttle.failed("1.2.3.4")
        assert throttle.delay("1.2.3.4") == expected
    assert throttle.delay("5.6.7.8") == 0
    throttle.succeeded("1.2.3.4")
    assert throttle.delay("1.2.3.4") == 0


def test_hash_command_reads_the_password_from_stdin(monkeypatch, capsys):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("correct horse battery\n"))
    assert auth.main(["hash"]) == 0
    assert auth.verify_password("correct horse battery", capsys.readouterr().out.strip())
