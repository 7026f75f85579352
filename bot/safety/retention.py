"""Retention: conversations and finished bookings are deleted after their period."""

from __future__ import annotations

import time
from typing import Dict, Optional

import sqlalchemy as sa

from bot import config
from bot.bookings import service


def purge_conversations(older_than_days: float, now: Optional[float] = None,
                        url: Optional[str] = None) -> int:
    """Deletes every conversation whose newest event is older than the cut-off."""
    cutoff = (now or time.time()) - older_than_days * 86400
    engine = sa.create_engine(url or config.tracker_db_url())
    try:
        with engine.begin() as connection:
            if not sa.inspect(connection).has_table("events"):
                return 0
            stale = [row[0] for row in connection.execute(sa.text(
                "SELECT sender_id FROM events GROUP BY sender_id HAVING MAX(timestamp) < :cutoff"
            ), {"cutoff": cutoff})]
            for start in range(0, len(stale), 500):
                connection.execute(
                    sa.text("DELETE FROM events WHERE sender_id IN :ids")
                    .bindparams(sa.bindparam("ids", expanding=True)),
                    {"ids": stale[start:start + 500]})
            return len(stale)
    finally:
        engine.dispose()


def purge(older_than_days: float) -> Dict[str, int]:
    deleted = {"conversations": purge_conversations(older_than_days)}
    deleted.update(service.purge(older_than_days))
    return deleted
