"""How the load and fault tools report what visitors saw when a turn failed."""
from bot.faults import turn_view
from bot.load import APOLOGY_MARK, what_was_seen

APOLOGY = f"Beklager, der er et {APOLOGY_MARK} lige nu. Er du i fare, så ring 112."


def test_the_apology_is_listed_first_even_after_an_answer():
    data = [{"text": "En mentor er en fast kontaktperson, som …"}, {"text": APOLOGY}]
    seen = what_was_seen(data, body="")
    assert seen.startswith("Beklager, der er et teknisk problem")
    assert "En mentor" in seen  # the answer that did come is still shown


def test_without_messages_the_body_is_shown_and_cut():
    assert what_was_seen(None, "<html>502 Bad Gateway</html>") == "<html>502 Bad Gateway</html>"
    assert len(what_was_seen([], "x" * 1000)) == 300


def test_failure_times_are_when_the_visitor_saw_them():
    fault_at = 1000.0
    turns = [
        {"at": 999.5, "latency": 0.7, "error": "HTTP 502", "seen": "Vi har travlt"},
        {"at": 1003.0, "latency": 2.5, "error": "apology (turn failed)", "seen": APOLOGY},
        {"at": 1004.0, "latency": 0.1, "reply": "ok"},
    ]
    view = turn_view(turns, fault_at)
    # the first was sent before the fault but failed after it
    assert view["failures_from_s_after_fault"] == 0.2
    assert view["failures_until_s_after_fault"] == 5.5
    assert view["failed_attempts"] == 2
    assert view["what_users_saw"] == {"HTTP 502: Vi har travlt": 1,
                                      f"apology (turn failed): {APOLOGY}": 1}


def test_no_failures_gives_no_window():
    view = turn_view([{"at": 1.0, "latency": 0.1, "reply": "ok"}], 0.0)
    assert view["failed_attempts"] == 0 and view["failures_from_s_after_fault"] is None
