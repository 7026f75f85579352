"""The CPU accounting that explains the scale benchmark's ratio."""

from __future__ import annotations

import subprocess
import sys
import time

from bot.benchmark import CpuSampler, cpu_seconds, cpu_table, machine_ticks, throughput_ratios
from bot.load import all_users_window, steady_rate


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
            on_turn({"user": 0, "at": time.time(), "latency": latency})
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
    assert "steady_messages_per_second" not in exitbot  # no steady window when interleaved
    assert floor_result["one_user"]["turns"] == 3 * 2 * len(bench.FLOOR_TURNS)
    assert floor_result["one_user"]["p95"] == 5.0
    goals = bench.goals({"embedded": {"one_user": exitbot}, "floor": floor_result})
    assert goals["p95_vs_floor"]["ratio"] == round(exitbot["latency_ms"]["p95"] / 5.0, 2)


def test_the_sampler_reads_a_busy_and_an_idle_process():
    busy = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    idle = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    try:
        with CpuSampler({"busy": busy, "idle": idle}, every=0.2) as sampler:
            time.sleep(1.5)
        cpu = sampler.cores_between(sampler.samples[1][0], sampler.samples[-1][0])
        assert len(sampler.samples) >= 6
        assert 0.2 < cpu["cores_used"]["busy"] <= 1.1  # one thread, however busy the machine
        assert cpu["cores_used"]["idle"] < 0.1
        assert cpu["machine_busy"] >= cpu["cores_used"]["busy"] / 2 - 0.1  # of 2 cores
    finally:
        for child in (busy, idle):
            child.kill()
            child.wait()


def test_cores_are_read_inside_the_window_only():
    sampler = CpuSampler({})
    # (time, (all ticks, idle ticks), own CPU, {process: CPU seconds})
    sampler.samples = [(0.0, (0, 0), 0.0, {"rasa1": 0.0}),
                       (10.0, (2000, 1000), 1.0, {"rasa1": 1.0}),  # ramp-up: half busy
                       (20.0, (4000, 1000), 2.0, {"rasa1": 11.0}),  # all users: full
                       (30.0, (6000, 3000), 3.0, {"rasa1": 12.0})]  # tail
    inside = sampler.cores_between(9.0, 21.0)
    assert inside == {"machine_busy": 1.0, "seconds": 10.0,
                      "cores_used": {"rasa1": 1.0, "load generator": 0.1}}
    whole = sampler.cores_between(0.0, 0.0)  # no window: the whole run
    assert whole["seconds"] == 30.0 and whole["cores_used"]["rasa1"] == 0.4


def turn(user, at, latency=0.1):
    return {"user": user, "at": at, "latency": latency}


def test_steady_rate_counts_only_while_every_user_talks():
    # user 0 talks from 0 to 10 s, user 1 starts at 2 s and ends at 20 s (a lone tail)
    turns = [turn(0, t) for t in range(0, 10)] + [turn(1, t) for t in range(2, 20)]
    assert all_users_window(turns) == (2, 9.1)
    rate = steady_rate(turns)
    # the answers at 2.1, 3.1 … 9.1 s of each user: 8 + 8 in 7.1 s
    assert rate["steady_window_seconds"] == 7.1
    assert rate["steady_messages_per_second"] == round(16 / 7.1, 2)
    assert steady_rate([])["steady_messages_per_second"] is None
    # one user who never overlaps with the other: no window
    assert all_users_window([turn(0, 0), turn(1, 5)]) is None


def test_the_ratio_uses_the_steady_rate_and_keeps_the_whole_run_one():
    two = {"steady_messages_per_second": 34.0, "messages_per_second": 30.0}
    one = {"steady_messages_per_second": 20.0, "messages_per_second": 20.0}
    assert throughput_ratios(two, one) == {"throughput_ratio": 1.7,
                                           "throughput_ratio_whole_run": 1.5}
    assert throughput_ratios(two, {"messages_per_second": 0})["throughput_ratio"] is None
