"""Load generator: simulated visitors holding realistic conversations over the REST channel.

An asyncio/aiohttp generator inside the project's venv (no Locust): it needs no extra
dependencies, drives 50 concurrent users from one process on 2 cores, gives each user its own
loopback source address (127.0.0.N, so nginx's per-client rate limit sees separate clients),
and keeps what every user was told (booking references) to compare with the database.

`python -m bot.load` (`make load`) runs 1, 20 and 50 users against the embedded default
(SQLite, ports 5005/5055/8000) and the scale profile (nginx on 8080), each on fresh databases
of its own, and writes reports/load.json and reports/load.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional

import aiohttp

from bot import ROOT
from bot.bookings.references import ALPHABET

REFERENCE = re.compile(rf"\b[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}\b")
REPORTS = ROOT / "reports"
LOAD_VAR = ROOT / "var" / "load"
APOLOGY_MARK = "teknisk problem"


def what_was_seen(data: Any, body: str) -> str:
    """A failed turn's answer as the report lists it. The apology comes first: a turn can
    answer, then fail in a later action of the same turn, and the report groups by the start."""
    texts = [m.get("text") or "" for m in data] if isinstance(data, list) else []
    texts.sort(key=lambda text: APOLOGY_MARK not in text)
    return (" | ".join(texts) if texts else body)[:300]


KNOWLEDGE = [
    ["hej", "hvorfor er det så svært at komme ud af banden", "Hvilken hjælp findes der?",
     "tak for hjælpen"],
    ["hej", "jeg er bange for at de finder mig hvis jeg stopper", "hvad gør exit programmet",
     "tak"],
    ["hej", "/inform_role{\"asker\":\"relative\"}", "min søn er med i en bande hvad kan jeg gøre",
     "tak"],
]
PLACES = [("Odense", "25_plus"), ("Aarhus", "18_24"), ("København", "18_24"),
          ("Aalborg", "25_plus")]


def percentile(values: List[float], q: float) -> Optional[float]:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    low, high = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (k - low)


class TurnFailed(Exception):
    pass


@dataclass
class User:
    """One simulated visitor with its own connection pool and loopback source address."""

    url: str
    index: int
    run_id: str
    timeout: float = 60.0
    turns: List[Dict[str, Any]] = field(default_factory=list)
    conversations: List[Dict[str, Any]] = field(default_factory=list)
    source: Optional[str] = None
    on_turn: Optional[Callable[[Dict[str, Any]], None]] = None

    async def __aenter__(self) -> "User":
        local = (self.source, 0) if self.source else None
        self.http = aiohttp.ClientSession(
            connector=aiohttp.TCPConnector(local_addr=local, limit=2),
            timeout=aiohttp.ClientTimeout(total=self.timeout))
        return self

    async def __aexit__(self, *exc) -> None:
        await self.http.close()

    retries: int = 0  # faults: resend a failed message like a patient visitor would
    think: float = 0.0  # mean seconds a visitor reads and types before each message

    async def say(self, sender: str, text: str, kind: str) -> List[Dict[str, Any]]:
        if self.think:
            await asyncio.sleep(random.uniform(0.5, 1.5) * self.think)
        for attempt in range(self.retries + 1):
            try:
                return await self._say_once(sender, text, kind, attempt)
            except TurnFailed:
                if attempt == self.retries:
                    raise
                await asyncio.sleep(1.5)
        raise AssertionError("unreachable")

    async def _say_once(self, sender: str, text: str, kind: str,
                        attempt: int) -> List[Dict[str, Any]]:
        started = time.monotonic()
        record: Dict[str, Any] = {"user": self.index, "sender": sender, "kind": kind,
                                  "at": time.time(), "message": text[:60], "attempt": attempt}
        body = ""
        try:
            async with self.http.post(self.url, json={"sender": sender, "message": text}) as r:
                body = await r.text()
                record["status"] = r.status
                data = json.loads(body) if body else None
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError, OSError) as error:
            record.update(status=None, error=error.__class__.__name__)
            data = None
        record["latency"] = time.monotonic() - started
        if record.get("status") == 200 and isinstance(data, list):
            texts = "\n".join(m.get("text") or "" for m in data)
            if not data:
                record["error"] = "empty answer"
            elif APOLOGY_MARK in texts:
                record["error"] = "apology (turn failed)"
        elif "error" not in record:
            record["error"] = f"HTTP {record.get('status')}"
        if record.get("error"):
            record["seen"] = what_was_seen(data, body)
        elif isinstance(data, list):
            record["reply"] = " | ".join((m.get("text") or "")[:70] for m in data)
        self.turns.append(record)
        if self.on_turn:
            self.on_turn(record)
        if record.get("error"):
            raise TurnFailed(f"{record['error']} after {text[:40]!r}")
        return data

    # --- conversations ---

    async def knowledge(self, sender: str, rnd: random.Random) -> Dict[str, Any]:
        for text in rnd.choice(KNOWLEDGE):
            await self.say(sender, text, "knowledge")
        return {"kind": "knowledge", "sender": sender, "ok": True}

    async def booking(self, sender: str, rnd: random.Random) -> Dict[str, Any]:
        """A full callback booking with the chat page's buttons, like tests/e2e book()."""
        place, age = rnd.choice(PLACES)
        result: Dict[str, Any] = {"kind": "booking", "sender": sender, "ok": False,
                                  "reference": None, "slot": None}
        say = self.say
        await say(sender, "hej", "booking")
        await say(sender, "/request_callback", "booking")
        await say(sender, '/inform_role{"asker":"self"}', "booking")
        await say(sender, "/skip", "booking")
        await say(sender, '/inform{"age_group":"%s"}' % age, "booking")
        await say(sender, '/inform{"custody":"no"}', "booking")
        await say(sender, place, "booking")
        await say(sender, '/inform{"help_wanted":"home"}', "booking")
        answer = await say(sender, '/inform{"safe_to_call":"yes"}', "booking")
        phone = "20 " + " ".join(str(rnd.randrange(10, 99)) for _ in range(3))
        for attempt in range(20):
            text = "\n".join(m.get("text") or "" for m in answer).lower()
            payloads = [b.get("payload") for m in answer for b in m.get("buttons") or []]
            match = REFERENCE.search("\n".join(m.get("text") or "" for m in answer))
            if match:
                result.update(ok=True, reference=match.group(0))
                return result
            if attempt == 19:
                break
            slots = [p for p in payloads if p and p.startswith('/inform{"callback_time"')]
            if slots:
                result["slot"] = rnd.choice(slots)
                result["slot_choices"] = result.get("slot_choices", 0) + 1
                answer = await say(sender, result["slot"], "booking")
            elif "/affirm" in payloads:
                answer = await say(sender, "/affirm", "booking")
            elif "telefonnummer" in text:
                answer = await say(sender, phone, "booking")
            else:
                result["stuck"] = text[:200]
                return result
        result["stuck"] = "too many turns: " + " || ".join(
            t.get("reply", "")[:90] for t in self.turns[-4:])
        return result

    async def run(self, rounds: int, deadline: float, seed: int) -> None:
        rnd = random.Random(seed)
        for number in range(rounds):
            for kind in ("knowledge", "booking"):
                if time.monotonic() > deadline:
                    return
                sender = f"load-{self.run_id}-{self.index}-{number}-{kind}"
                try:
                    outcome = await getattr(self, kind)(sender, rnd)
                except TurnFailed as error:
                    outcome = {"kind": kind, "sender": sender, "ok": False, "error": str(error)}
                self.conversations.append(outcome)


async def run_level(url: str, users: int, rounds: int, duration: float, run_id: str,
                    distinct_sources: bool = True,
                    on_turn: Optional[Callable[[Dict[str, Any]], None]] = None,
                    think: float = 0.0) -> Dict[str, Any]:
    deadline = time.monotonic() + duration
    simulated = [User(url, i, run_id, on_turn=on_turn,
                      source=f"127.0.{1 + i // 250}.{2 + i % 250}" if distinct_sources else None)
                 for i in range(users)]
    for user in simulated:
        user.think = think
    started = time.monotonic()

    async def one(user: User) -> None:
        async with user:
            await asyncio.sleep(random.random() * min(2.0, 0.05 * users))  # ramp-up
            await user.run(rounds, deadline, seed=hash((run_id, user.index)) & 0xFFFF)

    await asyncio.wait_for(asyncio.gather(*(one(u) for u in simulated)), duration + 120)
    wall = time.monotonic() - started
    turns = [t for u in simulated for t in u.turns]
    conversations = [c for u in simulated for c in u.conversations]
    summary = summarise(users, wall, turns, conversations)
    summary["think_seconds"] = think
    return summary


def all_users_window(turns: List[Dict[str, Any]]) -> Optional[tuple]:
    """From the last visitor's first message to the first visitor's last answer: the time in
    which every simulated visitor was talking. Outside it, the ramp-up and the tail (a few
    visitors finishing long bookings alone) hold fewer users, which lowers msg/s the more, the
    faster the system is."""
    first: Dict[Any, float] = {}
    last: Dict[Any, float] = {}
    for turn in turns:
        user, done = turn.get("user"), turn["at"] + turn.get("latency", 0.0)
        first[user] = min(first.get(user, turn["at"]), turn["at"])
        last[user] = max(last.get(user, done), done)
    if not first:
        return None
    start, end = max(first.values()), min(last.values())
    return (start, end) if end > start else None


def steady_rate(turns: List[Dict[str, Any]]) -> Dict[str, Any]:
    """Messages answered per second while every visitor was talking."""
    window = all_users_window(turns)
    if window is None:
        return {"steady_messages_per_second": None, "steady_window_seconds": 0.0}
    start, end = window
    answered = sum(1 for t in turns if start <= t["at"] + t.get("latency", 0.0) <= end)
    return {"steady_messages_per_second": round(answered / (end - start), 2),
            "steady_window_seconds": round(end - start, 1), "steady_window": [start, end]}


def summarise(users: int, wall: float, turns: List[Dict[str, Any]],
              conversations: List[Dict[str, Any]]) -> Dict[str, Any]:
    ok = [t["latency"] * 1000 for t in turns if not t.get("error")]
    errors: Dict[str, int] = {}
    for turn in turns:
        if turn.get("error"):
            errors[turn["error"]] = errors.get(turn["error"], 0) + 1
    bookings = [c for c in conversations if c["kind"] == "booking"]

    def ms(q: float) -> Optional[float]:
        value = percentile(ok, q)
        return None if value is None else round(value, 1)

    return {
        "users": users, "wall_seconds": round(wall, 1), "turns": len(turns),
        "turns_ok": len(ok), "messages_per_second": round(len(turns) / wall, 2) if wall else 0,
        **steady_rate(turns),
        "latency_ms": {"p50": ms(50), "p95": ms(95), "p99": ms(99),
                       "mean": round(statistics.fmean(ok), 1) if ok else None,
                       "max": round(max(ok), 1) if ok else None},
        "errors": errors,
        "conversations": len(conversations),
        "conversations_ok": sum(1 for c in conversations if c.get("ok")),
        "bookings_attempted": len(bookings),
        "bookings_confirmed": sum(1 for c in bookings if c.get("reference")),
        "booking_failures": [c.get("error") or c.get("stuck") for c in bookings
                             if not c.get("reference")][:10],
        "slot_choices_per_booking_max": max((c.get("slot_choices", 0) for c in bookings),
                                            default=0),
        "told": [{"sender": c["sender"], "reference": c["reference"]} for c in bookings
                 if c.get("reference")],
    }


def check_bookings(db_url: str, told: List[Dict[str, str]], senders: List[str]) -> Dict[str, Any]:
    """Compares the bookings table with what the users were told."""
    import sqlalchemy as sa

    from bot.bookings import contact_points
    from bot.bookings.service import conversation_hash

    engine = sa.create_engine(db_url)
    try:
        with engine.connect() as connection:
            rows = connection.execute(sa.text(
                "SELECT reference, status, contact_point, callback_at, seat, conversation_hash "
                "FROM bookings")).mappings().all()
    finally:
        engine.dispose()
    capacity = {key: point.capacity for key, point in contact_points.load()[0].items()}
    ours = {conversation_hash(s): s for s in senders}
    rows = [r for r in rows if r["conversation_hash"] in ours]
    in_db = {r["reference"] for r in rows}
    told_refs = [t["reference"] for t in told]
    per_conversation: Dict[str, int] = {}
    for row in rows:
        per_conversation[row["conversation_hash"]] = per_conversation.get(
            row["conversation_hash"], 0) + 1
    seats: Dict[Any, int] = {}
    for row in rows:
        if row["seat"] is not None and row["status"] == "pending":
            key = (row["contact_point"], str(row["callback_at"]))
            seats[key] = seats.get(key, 0) + 1
    over = [{"contact_point": k[0], "callback_at": k[1], "taken": n,
             "capacity": capacity.get(k[0])} for k, n in seats.items()
            if n > capacity.get(k[0], 1)]
    return {
        "told": len(told_refs), "in_database": len(rows),
        "lost": sorted(set(told_refs) - in_db),
        "not_told": sorted(in_db - set(told_refs)),
        "duplicated_references_told": len(told_refs) - len(set(told_refs)),
        "conversations_with_several_bookings": sum(1 for n in per_conversation.values() if n > 1),
        "slots_over_capacity": over,
    }


# --- the two deployments ---

def embedded_stack(var: Path):
    from bot.launcher import Stack

    shutil.rmtree(var, ignore_errors=True)
    var.mkdir(parents=True)
    env = {"EXITBOT_VAR": str(var), "EXITBOT_DB_URL": f"sqlite:///{var / 'bookings.db'}",
           "EXITBOT_TRACKER_DB_URL": f"sqlite:///{var / 'tracker.db'}",
           "EXITBOT_KEY_FILE": str(var / "secret.key")}
    subprocess.run([sys.executable, "-m", "bot", "migrate"], env={**os.environ, **env},
                   check=True, capture_output=True, cwd=ROOT)
    stack = Stack(env=env, log_dir=var / "log")
    stack.db_url = env["EXITBOT_DB_URL"]
    stack.url = f"http://127.0.0.1:{stack.rasa_port}/webhooks/rest/webhook"
    return stack


def fresh_postgres(names: List[str]) -> None:
    import sqlalchemy as sa

    from bot.scale import POSTGRES_ADMIN_URL

    engine = sa.create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as connection:
            for name in names:
                connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        engine.dispose()


def scale_stack(var: Path, **overrides):
    from bot.scale import ScaleStack

    shutil.rmtree(var, ignore_errors=True)
    fresh_postgres(["exitbot_load", "exitbot_load_tracker"])
    settings = dict(var=var, log_dir=var / "log", bookings_db="exitbot_load",
                    tracker_db="exitbot_load_tracker", rate="200r/s", burst=400)
    settings.update(overrides)
    stack = ScaleStack(**settings)
    stack.url = stack.webhook
    return stack


def scale_db_url(stack) -> str:
    return stack.base_env["EXITBOT_DB_URL"]


async def run_target(name: str, stack, levels: List[int], duration: float,
                     rounds: Dict[int, int]) -> Dict[str, Any]:
    result: Dict[str, Any] = {"levels": {}}
    told: List[Dict[str, str]] = []
    senders: List[str] = []
    for users in levels:
        run_id = f"{name[:3]}{users}-{int(time.time())}"
        print(f"  {name}: {users} user(s) …", flush=True)
        level = await run_level(stack.url, users, rounds.get(users, 1), duration, run_id)
        told += level.pop("told")
        senders += [f"load-{run_id}-{u}-{r}-booking" for u in range(users)
                    for r in range(rounds.get(users, 1))]
        result["levels"][str(users)] = level
        print(f"    p50 {level['latency_ms']['p50']} ms, p95 {level['latency_ms']['p95']} ms, "
              f"{level['messages_per_second']} msg/s, errors {level['errors']}", flush=True)
    db_url = stack.db_url if hasattr(stack, "db_url") else scale_db_url(stack)
    result["bookings_check"] = check_bookings(db_url, told, senders)
    print(f"  bookings: {json.dumps(result['bookings_check'])[:300]}", flush=True)
    return result


def write_reports(report: Dict[str, Any], stem: str = "load") -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / f"{stem}.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    lines = [f"# Load test ({time.strftime('%Y-%m-%d %H:%M', time.localtime())})", "",
             report.get("note", ""), "",
             "| target | users | turns | msg/s | p50 ms | p95 ms | p99 ms | errors | "
             "bookings told/attempted |", "|---|---|---|---|---|---|---|---|---|"]
    for target, data in report["targets"].items():
        for users, level in data["levels"].items():
            lat = level["latency_ms"]
            errors = ", ".join(f"{k}: {v}" for k, v in level["errors"].items()) or "0"
            lines.append(f"| {target} | {users} | {level['turns']} | "
                         f"{level['messages_per_second']} | {lat['p50']} | {lat['p95']} | "
                         f"{lat['p99']} | {errors} | {level['bookings_confirmed']}/"
                         f"{level['bookings_attempted']} |")
    lines += ["", "## Bookings database vs what users were told", "",
              "| target | told | in DB | lost | not told | duplicated | over capacity |",
              "|---|---|---|---|---|---|---|"]
    for target, data in report["targets"].items():
        check = data["bookings_check"]
        lines.append(f"| {target} | {check['told']} | {check['in_database']} | "
                     f"{len(check['lost'])} | {len(check['not_told'])} | "
                     f"{check['duplicated_references_told']} + "
                     f"{check['conversations_with_several_bookings']} | "
                     f"{len(check['slots_over_capacity'])} |")
    (REPORTS / f"{stem}.md").write_text("\n".join(lines) + "\n")


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.load", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--targets", default="embedded,scale")
    parser.add_argument("--users", default="1,20,50")
    parser.add_argument("--duration", type=float, default=120,
                        help="seconds per level after which users start no new conversation")
    args = parser.parse_args(argv)
    levels = [int(n) for n in args.users.split(",")]
    rounds = {1: 4, 20: 2}
    report: Dict[str, Any] = {
        "note": ("Loopback only. Each user: a knowledge conversation (4 turns) then a full "
                 "callback booking with buttons (~13 turns), repeated per level "
                 f"({rounds} rounds, else 1), bounded by {args.duration:.0f} s per level. "
                 "The scale profile's rate limit is raised to 200 r/s per client for the run; "
                 "each user has its own 127.0.x.y source address."),
        "machine": {"cpus": os.cpu_count()}, "targets": {}}
    for target in args.targets.split(","):
        stack = (embedded_stack(LOAD_VAR / "embedded") if target == "embedded"
                 else scale_stack(LOAD_VAR / "scale"))
        print(f"starting the {target} stack …", flush=True)
        stack.start()
        try:
            report["targets"][target] = asyncio.run(
                run_target(target, stack, levels, args.duration, rounds))
        finally:
            stack.stop()
        write_reports(report)
    print(f"wrote {REPORTS / 'load.json'} and {REPORTS / 'load.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
