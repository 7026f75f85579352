"""Exitbot's command line: `python -m bot …` (staff commands and the process launcher)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import List, Optional

from bot import config


def _bookings(args: argparse.Namespace) -> int:
    from bot.bookings import service

    if args.action == "list":
        rows = service.list_bookings(status=args.status, contact_point=args.contact_point)
        if args.json:
            print(json.dumps([row.as_json(service.phone_of(row.reference, "cli"))
                              for row in rows], ensure_ascii=False, indent=2))
        else:
            for row in rows:
                print(f"{row.reference}  {row.status:9}  {row.contact_point:18}  "
                      f"{row.as_json(None)['callback_at']}  {row.role}")
            print(f"{len(rows)} booking(s)")
        return 0
    status = {"done": "done", "cancel": "cancelled"}[args.action]
    try:
        row = service.set_status(args.reference, status)
    except service.UnknownBooking:
        print(f"No booking has the reference {args.reference!r}. "
              "Check it with `python -m bot bookings list`.", file=sys.stderr)
        return 1
    print(f"{row.reference} is now {row.status}.")
    return 0


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    bookings = sub.add_parser("bookings", help="the callback list")
    actions = bookings.add_subparsers(dest="action", required=True)
    listing = actions.add_parser("list", help="bookings, newest first")
    listing.add_argument("--json", action="store_true")
    listing.add_argument("--status", choices=["pending", "cancelled", "done"])
    listing.add_argument("--contact-point")
    for name in ("done", "cancel"):
        actions.add_parser(name, help=f"mark a booking {name}").add_argument("reference")

    purge = sub.add_parser("purge", help="delete old conversations and finished bookings")
    purge.add_argument("--older-than", type=float, required=True, metavar="DAYS")

    sub.add_parser("migrate", help="bring the bookings database to the newest schema")
    sub.add_parser("run", help="start actions, Rasa and the web server (make run)")
    web = sub.add_parser("web", help="the chat page and the staff console")
    web.add_argument("--host", default="127.0.0.1")
    web.add_argument("--port", type=int, default=8000)

    args = parser.parse_args(argv)
    if args.command == "bookings":
        return _bookings(args)
    if args.command == "purge":
        from bot.safety.retention import purge as run_purge

        if args.older_than < 0:
            parser.error("--older-than must be 0 or more days")
        deleted = run_purge(args.older_than)
        print("Deleted: " + ", ".join(f"{count} {what.replace('_', ' ')}"
                                      for what, count in deleted.items()))
        return 0
    if args.command == "migrate":
        from bot.bookings.db import migrate

        migrate()
        print(f"bookings database is up to date ({config.bookings_db_url()})")
        return 0
    if args.command == "run":
        from bot.launcher import run

        return run()
    if args.command == "web":
        from bot.web.app import serve

        serve(args.host, args.port)
        return 0
    return 2


if __name__ == "__main__":
    sys.exit(main())
