"""The CPU accounting that explains the scale benchmark's ratio."""

from __future__ import annotations

import subprocess
import sys
import time

from bot.benchmark import cpu_seconds, cpu_table, machine_ticks


def test_cpu_seconds_counts_a_busy_child_process():
    # The child burns one CPU second of its own (however long that takes on a busy machine),
    # says so, and then sleeps.
    child = subprocess.Popen([sys.executable, "-c", "import time\n"
                              "while time.process_time() < 1.0: pass\n"
                              "print('done', flush=True)\ntime.sleep(30)"],
                             stdout=subprocess.PIPE, text=True)
    try:
        assert child.stdout.readline().strip() == "done"
        assert 0.95 <= cpu_seconds(child.pid) < 2.0  # /proc counts in 10 ms ticks
    finally:
        child.kill()
        child.wait()


def test_machine_ticks_grow_and_idle_is_a_part_of_them():
    total, idle = machine_ticks()
    time.sleep(0.3)
    total2, idle2 = machine_ticks()
    assert total2 > total and 0 <= idle2 - idle <= total2 - total


def test_cpu_table_shows_each_process_and_the_machine():
    scale = {"one_rasa_server": {"cpu": {"machine_busy": 0.81,
                                         "cores_used": {"rasa1": 0.95, "actions": 0.2}}},
             "two_rasa_servers": {"cpu": {"machine_busy": 0.99,
                                          "cores_used": {"rasa1": 0.7, "rasa2": 0.68,
                                                         "actions": 0.3}}}}
    text = "\n".join(cpu_table(scale))
    assert "| rasa2 | 0.00 | 0.68 |" in text
    assert "| machine busy | 81% | 99% |" in text
    assert cpu_table({"one_rasa_server": {}}) == []


def test_one_user_turns_alternate_between_exitbot_and_the_floor(monkeypatch):
    import bot.benchmark as bench

    calls = []

    async def conversation(url, users, rounds, duration, run_id, on_turn=None, **_):
        calls.append(("exitbot", url))
        for latency in (0.010, 0.030):
            on_turn({"latency": latency})
        return {"wall_seconds": 1.0, "conversations": 1, "conversations_ok": 1,
                "bookings_attempted": 1, "bookings_confirmed": 1}

    def floor_turns(url, turns, sender):
        calls.append(("floor", url))
        return [5.0] * len(turns)

    monkeypatch.setattr(bench, "run_level", conversation)
    monkeypatch.setattr(bench, "turn_latencies", floor_turns)
    floor_result = {}
    exitbot = bench.one_user_paired("http://exit", "http://floor", floor_result, rounds=3)
    assert calls == [("exitbot", "http://exit"), ("floor", "http://floor")] * 3
    assert exitbot["turns"] == 6 and exitbot["bookings_confirmed"] == 3
    assert exitbot["latency_ms"]["p50"] == 20.0
    assert floor_result["one_user"]["turns"] == 3 * 2 * len(bench.FLOOR_TURNS)
    assert floor_result["one_user"]["p95"] == 5.0
    goals = bench.goals({"embedded": {"one_user": exitbot}, "floor": floor_result})
    assert goals["p95_vs_floor"]["ratio"] == round(exitbot["latency_ms"]["p95"] / 5.0, 2)
