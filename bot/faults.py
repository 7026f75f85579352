"""Fault tests on the scale profile, each bounded in time: `python -m bot.faults` (make faults).

While simulated users hold conversations through nginx (8080), one fault is injected:

* kill_rasa: SIGKILL one of the two Rasa servers (its conversations should go on on the other),
* restart_postgres: `pg_ctlcluster … main restart` (bookings and tracker store),
* restart_actions: stop and start the action server,
* restart_everything: stop the whole profile in the middle of conversations and start it again;
  each conversation must resume with its slots.

Users resend a failed message up to 5 times, 1.5 s apart, like a patient visitor. For each
fault the report says what users saw and what was lost (bookings compared with what users
were told). Writes reports/faults.json and reports/faults.md.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Dict, List, Optional
from urllib.parse import quote

import aiohttp

from bot import load
from bot.load import LOAD_VAR, REPORTS, User, check_bookings, scale_stack, summarise

USERS = 8
DURATION = 45.0
FAULT_AT = 10.0


def pg_restart() -> str:
    versions = sorted(p.name for p in Path("/etc/postgresql").iterdir())
    command = ["pg_ctlcluster", "--skip-systemctl-redirect", versions[-1], "main", "restart"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120)
    return f"{' '.join(command)} → exit {done.returncode}"


async def inject(stack, fault: str) -> str:
    if fault == "kill_rasa":
        stack.stop_process("rasa1", signal.SIGKILL)
        return "SIGKILL rasa1 (port %d)" % stack.rasa_ports[0]
    if fault == "restart_postgres":
        return await asyncio.to_thread(pg_restart)
    if fault == "restart_actions":
        started = time.monotonic()
        stack.stop_process("actions")
        await asyncio.to_thread(stack.start_process, "actions", True, 120)
        return f"action server stopped and started again ({time.monotonic() - started:.1f} s)"
    raise ValueError(fault)


def turn_view(turns: List[Dict[str, Any]], fault_at: float) -> Dict[str, Any]:
    failed = [t for t in turns if t.get("error")]
    seen: Dict[str, int] = {}
    for turn in failed:
        key = f"{turn['error']}: {turn.get('seen', '')[:160]}"
        seen[key] = seen.get(key, 0) + 1
    # When the visitor saw the failure: a turn sent just before the fault fails with it.
    window = [round(t["at"] + t.get("latency", 0.0) - fault_at, 1) for t in failed]
    return {"failed_attempts": len(failed), "what_users_saw": seen,
            "failures_from_s_after_fault": min(window) if window else None,
            "failures_until_s_after_fault": max(window) if window else None}


def abandoned_view(conversation: Dict[str, Any], turns: List[Dict[str, Any]]) -> str:
    """Why a conversation was given up, with its last turns: what was sent, what came back."""
    reason = str(conversation.get("error") or conversation.get("stuck"))[:160]
    own = [t for t in turns if t.get("sender") == conversation.get("sender")][-4:]
    steps = " → ".join(f"{t.get('message')!r}: {(t.get('error') or t.get('reply') or '')[:60]}"
                       for t in own)
    return f"{reason} (last turns: {steps})"


async def under_load(stack, fault: str, run_id: str) -> Dict[str, Any]:
    deadline = time.monotonic() + DURATION
    users = [User(stack.url, i, run_id, source=f"127.0.3.{2 + i}") for i in range(USERS)]
    for user in users:
        user.retries = 5

    async def one(user: User) -> None:
        async with user:
            await asyncio.sleep(random.random())
            await user.run(10, deadline, seed=user.index)

    tasks = asyncio.gather(*(one(u) for u in users))
    await asyncio.sleep(FAULT_AT)
    fault_at = time.time()
    action = await inject(stack, fault)
    await asyncio.wait_for(tasks, DURATION + 180)
    turns = [t for u in users for t in u.turns]
    conversations = [c for u in users for c in u.conversations]
    summary = summarise(len(users), DURATION, turns, conversations)
    told = summary.pop("told")
    senders = [c["sender"] for c in conversations if c["kind"] == "booking"]
    summary["bookings_check"] = check_bookings(load.scale_db_url(stack), told, senders)
    summary["conversations_abandoned"] = [abandoned_view(c, turns) for c in conversations
                                          if not c.get("ok")][:10]
    return {"fault": fault, "action": action, **turn_view(turns, fault_at), **summary}


async def tracker_slots(stack, sender: str) -> Dict[str, Any]:
    url = (f"http://127.0.0.1:{stack.rasa_lb_port}/conversations/{quote(sender)}/tracker"
           f"?token={quote(stack.token)}")
    async with aiohttp.ClientSession() as http:
        async with http.get(url) as answer:
            data = await answer.json()
    return {k: v for k, v in (data.get("slots") or {}).items() if v is not None}


async def restart_everything(stack, run_id: str) -> Dict[str, Any]:
    """Conversations stopped at three points of the booking form resume after a full restart."""
    steps = ["hej", "/request_callback", '/inform_role{"asker":"self"}', "/skip",
             '/inform{"age_group":"25_plus"}', '/inform{"custody":"no"}', "Odense",
             '/inform{"help_wanted":"home"}']
    stops = {"after_role": 3, "after_municipality": 7, "after_help_wanted": 8}
    before: Dict[str, Dict[str, Any]] = {}
    async with User(stack.url, 0, run_id) as user:
        for name, upto in stops.items():
            sender = f"fault-{run_id}-{name}"
            for text in steps[:upto]:
                await user.say(sender, text, "restart")
            before[name] = await tracker_slots(stack, sender)
    started = time.monotonic()
    await asyncio.to_thread(stack.stop)
    await asyncio.to_thread(stack.start)
    restart_seconds = time.monotonic() - started
    results: Dict[str, Any] = {}
    async with User(stack.url, 1, run_id) as user:
        user.retries = 3
        for name, upto in stops.items():
            sender = f"fault-{run_id}-{name}"
            after = await tracker_slots(stack, sender)
            outcome: Dict[str, Any] = {"slots_before": before[name], "slots_after": after,
                                       "slots_kept": all(after.get(k) == v
                                                         for k, v in before[name].items())}
            try:
                answer: List[Dict[str, Any]] = []
                for text in steps[upto:] + ['/inform{"safe_to_call":"yes"}']:
                    answer = await user.say(sender, text, "restart")
                outcome["next_question"] = "\n".join(m.get("text") or "" for m in answer)[:200]
                outcome["resumed_to_slot_choice"] = any(
                    (b.get("payload") or "").startswith('/inform{"callback_time"')
                    for m in answer for b in m.get("buttons") or [])
            except Exception as error:  # noqa: BLE001 - reported
                outcome["error"] = str(error)
            results[name] = outcome
    return {"fault": "restart_everything", "action": "whole profile stopped and started "
            f"({restart_seconds:.0f} s)", "conversations": results,
            "all_resumed_with_slots": all(r.get("slots_kept") and r.get("resumed_to_slot_choice")
                                          for r in results.values())}


def write_reports(report: Dict[str, Any]) -> None:
    REPORTS.mkdir(parents=True, exist_ok=True)
    (REPORTS / "faults.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    lines = [f"# Fault tests ({time.strftime('%Y-%m-%d %H:%M')})", "", report["note"], "",
             "| fault | what was done | turns | failed attempts | abandoned conversations | "
             "bookings told / in DB | lost | over capacity | slowest answer |",
             "|---|---|---|---|---|---|---|---|---|"]
    for item in report["faults"]:
        if item["fault"] == "restart_everything":
            continue
        check = item.get("bookings_check", {})
        lines.append(
            f"| {item['fault']} | {item['action']} | {item.get('turns')} | "
            f"{item.get('failed_attempts')} | "
            f"{item.get('conversations', 0) - item.get('conversations_ok', 0)} | "
            f"{check.get('told')} / {check.get('in_database')} | {len(check.get('lost', []))} | "
            f"{len(check.get('slots_over_capacity', []))} | "
            f"{(item.get('latency_ms') or {}).get('max', 0) / 1000:.1f} s |")
    lines += ["", "## What users saw", ""]
    for item in report["faults"]:
        if item["fault"] == "restart_everything":
            lines.append(f"- **restart_everything** ({item['action']}): all resumed with their "
                         f"slots: {item['all_resumed_with_slots']}")
            for name, outcome in item["conversations"].items():
                lines.append(f"  - {name}: slots kept {outcome.get('slots_kept')}, next answer "
                             f"offers slot choice {outcome.get('resumed_to_slot_choice')}"
                             f"{' – error ' + outcome['error'] if outcome.get('error') else ''}")
            continue
        lines.append(f"- **{item['fault']}**: failures between "
                     f"{item.get('failures_from_s_after_fault')} and "
                     f"{item.get('failures_until_s_after_fault')} s after the fault")
        for seen, count in item.get("what_users_saw", {}).items():
            lines.append(f"  - {count}× {seen}")
        for reason in item.get("conversations_abandoned") or []:
            lines.append(f"  - abandoned: {str(reason)[:600]}")
    (REPORTS / "faults.md").write_text("\n".join(lines) + "\n")


async def run_all(faults: List[str]) -> Dict[str, Any]:
    stack = scale_stack(LOAD_VAR / "faults")
    print("starting the scale profile …", flush=True)
    await asyncio.to_thread(stack.start)
    report: Dict[str, Any] = {
        "note": (f"{USERS} users under load for {DURATION:.0f} s per fault, fault at "
                 f"{FAULT_AT:.0f} s; failed messages resent up to 5× (1.5 s apart)."),
        "faults": []}
    try:
        for fault in faults:
            print(f"fault: {fault} …", flush=True)
            run_id = f"{fault[:8]}-{int(time.time())}"
            if fault == "restart_everything":
                item = await restart_everything(stack, run_id)
            else:
                item = await under_load(stack, fault, run_id)
            if fault == "kill_rasa":
                await asyncio.to_thread(stack.start_process, "rasa1", True, 240)
            report["faults"].append(item)
            print(json.dumps({k: v for k, v in item.items() if k in (
                "action", "failed_attempts", "what_users_saw", "bookings_check",
                "all_resumed_with_slots")}, ensure_ascii=False)[:600], flush=True)
            write_reports(report)
    finally:
        await asyncio.to_thread(stack.stop)
    return report


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot.faults", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--faults", default="kill_rasa,restart_postgres,restart_actions,"
                                            "restart_everything")
    args = parser.parse_args(argv)
    report = asyncio.run(run_all(args.faults.split(",")))
    write_reports(report)
    print(f"wrote {REPORTS / 'faults.json'} and {REPORTS / 'faults.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
