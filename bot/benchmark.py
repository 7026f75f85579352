"""Benchmarks: `python -m bot.benchmark` (make bench) → reports/bench.json and reports/bench.md.

* REST round trip at 1 user, Exitbot (embedded default) vs a bare Rasa floor: the bot of
  `rasa init`, trained here into reports/bench/floor/ (once; only when no other `rasa train`
  runs). Both servers are up, and their conversations alternate. Goal: Exitbot p95 ≤ 1.5 ×
  floor p95.
* 20 concurrent users on the embedded default: p95 per turn. Goal ≤ 500 ms.
* Messages/s of the scale profile with its two Rasa servers vs one (the second stopped).
  Goal ≥ 1.7×.
* Training time of the main model (from var/log/train.log timestamps; `--train` times a
  retrain into reports/bench/train/, never touching models/), cold start to first answer,
  resident memory per process.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import datetime
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional

import rasa

from bot import ROOT
from bot.launcher import VENV_BIN
from bot.load import (
    LOAD_VAR,
    REPORTS,
    embedded_stack,
    percentile,
    run_level,
    scale_stack,
    summarise,
)

BENCH = REPORTS / "bench"
FLOOR = BENCH / "floor"
FLOOR_MODEL = FLOOR / "models" / "floor.tar.gz"
THINK = 3.0
FLOOR_TURNS = ["hello", "I am feeling sad", "yes", "great, thanks", "good morning",
               "are you a bot?", "bye", "hi", "I am very happy", "goodbye"]


def wait_for_no_training(poll: float = 10.0) -> None:
    """Only one `rasa train` at a time on this machine (a stopped one does not count)."""
    from bot.evaluation import wait_for_other_trainings

    wait_for_other_trainings(poll)


def train(cwd: Path, out: Path, name: str, log: Path) -> float:
    """A cold training: an empty cache, so Rasa cannot restore components trained before."""
    wait_for_no_training()
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="rasa-cache-bench-") as cache, \
            open(log, "wb") as handle:
        # As `make train` runs it: the data is validated by `make validate`.
        subprocess.run([str(VENV_BIN / "rasa"), "train", "--skip-validation",
                        "--fixed-model-name", name,
                        "--out", str(out)], cwd=cwd, stdout=handle, stderr=subprocess.STDOUT,
                       check=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false",
                                        "RASA_CACHE_DIRECTORY": cache})
    return time.monotonic() - started


def floor_model() -> Dict[str, Any]:
    if FLOOR_MODEL.exists():
        return {"trained_now": False}
    template = Path(rasa.__file__).parent / "cli" / "initial_project"
    FLOOR.mkdir(parents=True, exist_ok=True)
    for name in ("config.yml", "domain.yml", "credentials.yml", "data"):
        source = template / name
        if source.is_dir():
            shutil.copytree(source, FLOOR / name, dirs_exist_ok=True)
        else:
            shutil.copy(source, FLOOR / name)
    print("  training the floor bot (rasa init's) …", flush=True)
    seconds = train(FLOOR, FLOOR / "models", "floor", FLOOR / "train.log")
    return {"trained_now": True, "train_seconds": round(seconds, 1)}


def process_children() -> Dict[int, List[int]]:
    children: Dict[int, List[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    return children


def descendants(pid: int, children: Optional[Dict[int, List[int]]] = None) -> List[int]:
    children = process_children() if children is None else children
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo += children.get(current, [])
    return found


def cpu_seconds(pid: int, children: Optional[Dict[int, List[int]]] = None) -> float:
    """CPU time (user + system) of a process and its children still running."""
    ticks = 0
    for current in descendants(pid, children):
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            ticks += int(fields[11]) + int(fields[12])
        except (OSError, IndexError, ValueError):
            pass
    return ticks / os.sysconf("SC_CLK_TCK")


def machine_ticks() -> tuple:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return sum(values), values[3] + values[4]  # all, idle + iowait


class CpuSampler(threading.Thread):
    """Samples the CPU counters of the stack's processes, the machine's and our own twice a
    second, so that the cores used can be read for any window of a load level."""

    def __init__(self, processes: Dict[str, Any], every: float = 0.5) -> None:
        super().__init__(daemon=True)
        self.processes, self.every = processes, every
        self.samples: List[tuple] = []
        self.done = threading.Event()

    def sample(self) -> tuple:
        children = process_children()
        return (time.time(), machine_ticks(), time.process_time(),
                {n: cpu_seconds(p.pid, children) for n, p in self.processes.items()
                 if p.poll() is None})

    def run(self) -> None:
        while True:
            self.samples.append(self.sample())
            if self.done.wait(self.every):
                break

    def __enter__(self) -> "CpuSampler":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.done.set()
        self.join()
        self.samples.append(self.sample())

    def cores_between(self, start: float, end: float) -> Dict[str, Any]:
        """Cores used from the first sample at or after `start` to the last at or before
        `end` (the whole run if the window holds fewer than two samples)."""
        inside = [x for x in self.samples if start <= x[0] <= end]
        first, last = (inside[0], inside[-1]) if len(inside) >= 2 else (
            self.samples[0], self.samples[-1])
        seconds = max(1e-6, last[0] - first[0])
        (all_a, idle_a), (all_b, idle_b) = first[1], last[1]
        cores = {n: round((last[3][n] - first[3][n]) / seconds, 2)
                 for n in first[3] if n in last[3]}
        cores["load generator"] = round((last[2] - first[2]) / seconds, 2)
        return {"machine_busy": round(1 - (idle_b - idle_a) / max(1, all_b - all_a), 3),
                "seconds": round(seconds, 1), "cores_used": cores}


def rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB."""
    total = 0
    for current in descendants(pid):
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return round(total / 1024, 1)


def first_answer(url: str, timeout: float = 300) -> None:
    deadline = time.monotonic() + timeout
    body = json.dumps({"sender": f"cold-{time.time()}", "message": "hej"}).encode()
    while time.monotonic() < deadline:
        try:
            request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
            with urllib.request.urlopen(request, timeout=30) as answer:
                if json.loads(answer.read()):
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise TimeoutError(url)


def turn_latencies(url: str, turns: List[str], sender: str) -> List[float]:
    latencies = []
    for text in turns:
        body = json.dumps({"sender": sender, "message": text}).encode()
        started = time.monotonic()
        request = urllib.request.Request(url, body, {"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            answer.read()
        latencies.append((time.monotonic() - started) * 1000)
    return latencies


def latency_summary(latencies: List[float]) -> Dict[str, Any]:
    return {"turns": len(latencies), "p50": round(percentile(latencies, 50), 1),
            "p95": round(percentile(latencies, 95), 1),
            "p99": round(percentile(latencies, 99), 1)}


def sequential(url: str, turns: List[str], repeat: int) -> Dict[str, Any]:
    latencies: List[float] = []
    for round_number in range(repeat):
        latencies += turn_latencies(url, turns, f"bench-floor-{round_number}-{time.time()}")
    return latency_summary(latencies)


@contextlib.contextmanager
def floor_server() -> Iterator[tuple]:
    """The floor bot's Rasa server, warmed up; yields its webhook URL and the figures so far."""
    from bot.launcher import wait_until_up

    result = floor_model()
    port = 5095
    log = open(BENCH / "floor-server.log", "ab")
    started = time.monotonic()
    process = subprocess.Popen(
        [str(VENV_BIN / "rasa"), "run", "--model", str(FLOOR_MODEL), "--port", str(port),
         "--interface", "127.0.0.1"], cwd=FLOOR, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True, env={**os.environ, "RASA_TELEMETRY_ENABLED": "false"})
    url = f"http://127.0.0.1:{port}/webhooks/rest/webhook"
    try:
        wait_until_up(f"http://127.0.0.1:{port}/", 300, process)
        first_answer(url)
        result["cold_start_to_first_answer_s"] = round(time.monotonic() - started, 1)
        sequential(url, FLOOR_TURNS, 1)  # warm-up
        yield url, result
        result["rss_mb"] = rss_mb(process.pid)
    finally:
        os.killpg(process.pid, 15)
        process.wait(timeout=30)


def floor_bench() -> Dict[str, Any]:
    """The floor alone (`--only floor`); the full bench pairs it with Exitbot's turns."""
    with floor_server() as (url, result):
        # 200 turns: a p95 of fewer samples moved by a third between runs.
        result["one_user"] = sequential(url, FLOOR_TURNS, 20)
    return result


def one_user_paired(exitbot_url: str, floor_url: str, floor_result: Dict[str, Any],
                    rounds: int = 10) -> Dict[str, Any]:
    """Exitbot's and the floor's 1-user turns, alternating conversation by conversation.

    Measured minutes apart, the two were not comparable: this host's speed varied threefold
    within one session. Alternating every few seconds puts such a change on both alike.
    """
    exitbot_turns: List[Dict[str, Any]] = []
    floor_ms: List[float] = []
    summaries = []
    for i in range(rounds):
        summaries.append(asyncio.run(run_level(
            exitbot_url, 1, 1, 240, f"bench-one-{i}-{int(time.time())}",
            on_turn=exitbot_turns.append)))
        floor_ms += turn_latencies(floor_url, FLOOR_TURNS * 2, f"bench-floor-{i}-{time.time()}")
    floor_result["one_user"] = {**latency_summary(floor_ms), "paired_with_exitbot": True}
    wall = sum(s["wall_seconds"] for s in summaries)
    result = summarise(1, wall, exitbot_turns, [])
    # the rounds are interleaved with the floor's turns: no window of steady throughput
    for key in ("told", "booking_failures", "slot_choices_per_booking_max",
                "steady_messages_per_second", "steady_window_seconds", "steady_window"):
        result.pop(key, None)
    for key in ("conversations", "conversations_ok", "bookings_attempted",
                "bookings_confirmed"):
        result[key] = sum(s[key] for s in summaries)
    result["paired_with_floor"] = True
    return result


def level(url: str, users: int, rounds: int, name: str, think: float = 0.0,
          processes: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """One load level; with `processes`, also where the machine's CPU went while every user
    was talking (the window of the steady msg/s)."""
    with contextlib.ExitStack() as stack:
        sampler = stack.enter_context(CpuSampler(processes)) if processes is not None else None
        data = asyncio.run(run_level(url, users, rounds, 240,
                                     f"bench-{name}-{int(time.time())}", think=think))
    data.pop("told", None)
    data.pop("booking_failures", None)
    window = data.pop("steady_window", None)
    if sampler is not None:
        data["cpu"] = sampler.cores_between(*(window or (0.0, 0.0)))
    return data


def embedded_bench(floor_url: Optional[str] = None,
                   floor_result: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    stack = embedded_stack(LOAD_VAR / "bench-embedded")
    started = time.monotonic()
    stack.start()
    try:
        first_answer(stack.url)
        result: Dict[str, Any] = {"cold_start_to_first_answer_s":
                                  round(time.monotonic() - started, 1)}
        level(stack.url, 1, 1, "warm")
        if floor_url is not None and floor_result is not None:
            result["one_user"] = one_user_paired(stack.url, floor_url, floor_result)
        else:
            result["one_user"] = level(stack.url, 1, 10, "one")  # about 160 turns
        # Visitors read and type between messages; 3 s is brisk for a chat.
        result["twenty_users"] = level(stack.url, 20, 1, "twenty", think=THINK)
        result["twenty_users_no_think_time"] = level(stack.url, 20, 1, "twenty-stress")
        names = ["actions", "rasa", "web"]
        result["rss_mb"] = {name: rss_mb(p.pid)
                            for name, p in zip(names, stack.processes, strict=False)}
    finally:
        stack.stop()
    return result


def scale_bench() -> Dict[str, Any]:
    stack = scale_stack(LOAD_VAR / "bench-scale")
    started = time.monotonic()
    stack.start()
    try:
        first_answer(stack.url)
        result: Dict[str, Any] = {"cold_start_to_first_answer_s":
                                  round(time.monotonic() - started, 1)}
        level(stack.url, 4, 1, "warm")
        # 4 rounds: about 30 s in which all 20 users talk, for a steadier msg/s
        result["two_rasa_servers"] = level(stack.url, 20, 4, "two", processes=stack.processes)
        result["rss_mb"] = {name: rss_mb(p.pid) for name, p in stack.processes.items()}
        stack.stop_process("rasa2")
        level(stack.url, 2, 1, "warm1")
        result["one_rasa_server"] = level(stack.url, 20, 4, "one", processes=stack.processes)
    finally:
        stack.stop()
    result.update(throughput_ratios(result["two_rasa_servers"], result["one_rasa_server"]))
    return result


def throughput_ratios(two: Dict[str, Any], one: Dict[str, Any]) -> Dict[str, Any]:
    """Two servers against one, compared while all users talk (steady), and over the whole
    run, whose ramp-up and tail of lone visitors favour the slower system."""
    def ratio(key: str) -> Optional[float]:
        return round(two[key] / one[key], 2) if two.get(key) and one.get(key) else None

    return {"throughput_ratio": ratio("steady_messages_per_second"),
            "throughput_ratio_whole_run": ratio("messages_per_second")}


def training_time(retrain: bool, log: Optional[Path] = None,
                  model: Optional[Path] = None) -> Dict[str, Any]:
    if retrain:
        out = BENCH / "train"
        out.mkdir(parents=True, exist_ok=True)
        seconds = train(ROOT, out, "exitbot-bench", out / "train.log")
        return {"seconds": round(seconds, 1), "source": "timed retrain into reports/bench/train"}
    log = log or ROOT / "var" / "log" / "train.log"
    model = model or log.parent.parent.parent / "models" / "exitbot.tar.gz"
    if not log.exists():
        return {"seconds": None, "source": "no var/log/train.log"}
    stamps = re.findall(rb"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)", log.read_bytes().replace(
        b"\0", b""), re.M)
    if len(stamps) < 2:
        return {"seconds": None, "source": "var/log/train.log has no timestamps"}
    first, last = (datetime.fromisoformat(s.decode()) for s in (stamps[0], stamps[-1]))
    if not model.exists() or model.stat().st_mtime < first.timestamp():
        return {"seconds": None, "source": f"{log} is not the log of {model}'s training "
                                           "(interrupted run?); use --train"}
    end = max(last.timestamp(), model.stat().st_mtime)
    cached = b"Restored component" in log.read_bytes()
    return {"seconds": round(end - first.timestamp(), 1), "partly_from_cache": cached,
            "source": f"{log}: first timestamp to the model file's time (a slight lower "
                      "bound: the log starts a few seconds after the process)"
                      + ("; some components were restored from Rasa's cache, so this is "
                         "not a full training: use --train" if cached else "")}


def goals(report: Dict[str, Any]) -> Dict[str, Any]:
    out: Dict[str, Any] = {}
    try:
        exit_p95 = report["embedded"]["one_user"]["latency_ms"]["p95"]
        floor_p95 = report["floor"]["one_user"]["p95"]
        out["p95_vs_floor"] = {"exitbot_ms": exit_p95, "floor_ms": floor_p95,
                               "ratio": round(exit_p95 / floor_p95, 2), "goal": "≤ 1.5",
                               "met": exit_p95 <= 1.5 * floor_p95,
                               "alternating": bool(report["floor"]["one_user"].get(
                                   "paired_with_exitbot"))}
    except (KeyError, TypeError):
        pass
    try:
        p95 = report["embedded"]["twenty_users"]["latency_ms"]["p95"]
        stress = report["embedded"]["twenty_users_no_think_time"]["latency_ms"]["p95"]
        out["p95_20_users"] = {"ms": p95, "goal": "≤ 500 ms", "met": p95 <= 500,
                               "think_seconds": THINK, "no_think_time_ms": stress}
    except (KeyError, TypeError):
        pass
    try:
        ratio = report["scale"]["throughput_ratio"]
        out["two_vs_one_rasa"] = {"ratio": ratio, "goal": "≥ 1.7",
                                  "met": ratio is not None and ratio >= 1.7}
    except (KeyError, TypeError):
        pass
    return out


def write(report: Dict[str, Any]) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "bench.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    lines = [f"# Benchmarks ({time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs)", "",
             "| measure | value | goal | met |", "|---|---|---|---|"]
    g = report.get("goals", {})
    if "p95_vs_floor" in g:
        x = g["p95_vs_floor"]
        how = ", turns alternating" if x.get("alternating") else ", measured apart"
        lines.append(f"| 1 user p95: Exitbot / floor{how} | {x['exitbot_ms']} / "
                     f"{x['floor_ms']} ms "
                     f"= {x['ratio']}× | {x['goal']} | {'yes' if x['met'] else 'no'} |")
    if "p95_20_users" in g:
        x = g["p95_20_users"]
        lines.append(f"| 20 users p95 per turn (embedded, {x['think_seconds']:.0f} s think time)"
                     f" | {x['ms']} ms | {x['goal']} | {'yes' if x['met'] else 'no'} |")
        lines.append(f"| 20 users p95 per turn (embedded, no think time: stress) | "
                     f"{x['no_think_time_ms']} ms | – | – |")
    if "two_vs_one_rasa" in g:
        x = g["two_vs_one_rasa"]
        s = report["scale"]
        two, one = s["two_rasa_servers"], s["one_rasa_server"]
        lines.append(f"| msg/s two Rasa vs one (scale, 20 users, while all talk) | "
                     f"{two.get('steady_messages_per_second')} / "
                     f"{one.get('steady_messages_per_second')} = {x['ratio']}× | "
                     f"{x['goal']} | {'yes' if x['met'] else 'no'} |")
        lines.append(f"| msg/s two Rasa vs one (whole run, with ramp-up and tail) | "
                     f"{two['messages_per_second']} / {one['messages_per_second']} = "
                     f"{s.get('throughput_ratio_whole_run')}× | – | – |")
    t = report.get("training", {})
    lines.append(f"| training time, main model | {t.get('seconds')} s | – | {t.get('source')} |")
    for name in ("floor", "embedded", "scale"):
        if name in report and "cold_start_to_first_answer_s" in report[name]:
            lines.append(f"| cold start to first answer ({name}) | "
                         f"{report[name]['cold_start_to_first_answer_s']} s | – | – |")
    lines += ["", "## Resident memory (MB, process and children)", "",
              "| profile | process | RSS MB |", "|---|---|---|"]
    for name in ("floor", "embedded", "scale"):
        rss = report.get(name, {}).get("rss_mb")
        if isinstance(rss, dict):
            lines += [f"| {name} | {k} | {v} |" for k, v in rss.items()]
        elif rss is not None:
            lines.append(f"| {name} | rasa | {rss} |")
    lines += cpu_table(report.get("scale", {}))
    (REPORTS / "bench.md").write_text("\n".join(lines) + "\n")


def cpu_table(scale: Dict[str, Any]) -> List[str]:
    """Cores used per process while 20 users talk to one and to two Rasa servers."""
    runs = [(title, scale.get(key, {}).get("cpu")) for title, key in
            (("one Rasa server", "one_rasa_server"), ("two Rasa servers", "two_rasa_servers"))]
    if not all(cpu for _, cpu in runs):
        return []
    names = list(dict.fromkeys(n for _, cpu in runs for n in cpu["cores_used"]))
    out = ["", f"## Where the CPU went (scale profile, while all 20 users talk, no think time, "
                f"{os.cpu_count()} cores)", "",
           "| process | " + " | ".join(t for t, _ in runs) + " |",
           "|---|" + "---:|" * len(runs)]
    for name in names:
        out.append(f"| {name} | " + " | ".join(
            f"{cpu['cores_used'].get(name, 0):.2f}" for _, cpu in runs) + " |")
    out.append("| machine busy | " + " | ".join(
        f"{cpu['machine_busy']:.0%}" for _, cpu in runs) + " |")
    return out


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.benchmark", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--train", action="store_true",
                        help="time a retrain of the main model (into reports/bench/train/)")
    parser.add_argument("--only", default="floor,embedded,scale",
                        help="parts to run; empty: only re-read the training time")
    parser.add_argument("--train-log", help="a train.log other than var/log/train.log "
                        "(its model is ../../models/exitbot.tar.gz)")
    args = parser.parse_args(argv)
    BENCH.mkdir(parents=True, exist_ok=True)
    previous = REPORTS / "bench.json"
    report: Dict[str, Any] = {}
    if previous.exists():
        try:
            report = json.loads(previous.read_text())
        except ValueError:
            report = {}
    report["training"] = training_time(args.train, args.train_log and Path(args.train_log))
    parts = [p for p in args.only.split(",") if p]
    if "floor" in parts and "embedded" in parts:
        print("bench: floor and embedded, 1-user turns alternating …", flush=True)
        with floor_server() as (floor_url, floor_result):
            report["embedded"] = embedded_bench(floor_url, floor_result)
        report["floor"] = floor_result
        report["goals"] = goals(report)
        write(report)
        parts = [p for p in parts if p not in ("floor", "embedded")]
    for part in parts:
        print(f"bench: {part} …", flush=True)
        report[part] = {"floor": floor_bench, "embedded": embedded_bench,
                        "scale": scale_bench}[part]()
        report["goals"] = goals(report)
        write(report)
    report["goals"] = goals(report)
    write(report)
    print((REPORTS / "bench.md").read_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
