"""Rasa's SQL tracker store, with personal data masked before it is written.

Also: erases a conversation when the user asked for it (the action cannot: Rasa saves the
turn's events after the action has run), and refuses to start when the database is
unreachable instead of retrying forever.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from typing import Any, Awaitable, Callable, Optional, Text

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import ActionExecuted
from rasa.shared.core.trackers import DialogueStateTracker
from sqlalchemy.engine import make_url

from bot import config
from bot.safety.masking import mask

logger = logging.getLogger(__name__)
ERASE_ACTION = "action_delete_conversation"
# Longer than a database restart, shorter than the visitor's patience and the web relay's
# timeout.
RESTART_PATIENCE_SECONDS = 15.0


class TrackerStoreUnavailable(RuntimeError):
    pass


def check_reachable(url: str) -> None:
    engine = sa.create_engine(url, connect_args={"connect_timeout": 5}
                              if url.startswith("postgresql") else {})
    try:
        with engine.connect() as connection:
            connection.execute(sa.text("SELECT 1"))
    except sa.exc.SQLAlchemyError as error:
        raise TrackerStoreUnavailable(
            f"Exitbot: the conversation database at {make_url(url).render_as_string()} "
            f"cannot be reached ({error.__class__.__name__}). Refusing to start rather than "
            "keep conversations in memory."
        ) from error
    finally:
        engine.dispose()


def _sqlite_wal(connection, _record) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class MaskingSQLTrackerStore(SQLTrackerStore):
    def __init__(self, domain=None, url: Optional[str] = None, event_broker=None,
                 **kwargs: Any) -> None:
        url = url or config.tracker_db_url()
        if url.startswith("sqlite:///"):
            config.VAR.mkdir(parents=True, exist_ok=True)
        check_reachable(url)
        parsed = make_url(url)
        kwargs.pop("host", None)
        super().__init__(domain=domain, dialect=parsed.drivername, host=parsed.host,
                         port=parsed.port, db=parsed.database, username=parsed.username,
                         password=parsed.password, event_broker=event_broker, **kwargs)
        self.engine.dispose()
        if url.startswith("sqlite"):
            # The embedded default: write-ahead log, and fsync at checkpoints rather than at
            # every turn's commit. A crash of the process loses nothing; a power cut can lose
            # the last turns of a conversation (never a booking: bookings.db keeps full sync).
            # SQLAlchemy 1.4 opens and closes a file database's connection for every session
            # (NullPool): a third of the store's time per turn. Rasa uses it from one thread.
            self.engine = sa.create_engine(url, poolclass=sa.pool.QueuePool,
                                           connect_args={"check_same_thread": False})
            sa.event.listen(self.engine, "connect", _sqlite_wal)
        else:
            # After a database restart, pooled connections are dead; without a ping the next
            # turns fail and Rasa quietly falls back to an in-memory store for them.
            self.engine = sa.create_engine(url, pool_pre_ping=True)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    async def _retrieve(self, sender_id: Text, fetch_events_from_all_sessions: bool):
        return await self._while_database_restarts(
            lambda: super(MaskingSQLTrackerStore, self)._retrieve(
                sender_id, fetch_events_from_all_sessions))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._while_database_restarts(lambda: self._save(tracker))

    async def _while_database_restarts(self, operation: Callable[[], Awaitable[Any]]) -> Any:
        """Waits out a database restart instead of failing the turn.

        Rasa answers a turn whose tracker cannot be read from an empty conversation (and
        keeps what it could not write in memory): the visitor's form and slots would be
        gone. Measured in the fault test: a Postgres restart takes a second or two.
        """
        deadline = time.monotonic() + RESTART_PATIENCE_SECONDS
        while True:
            try:
                return await operation()
            except (sa.exc.OperationalError, sa.exc.InterfaceError) as error:
                if time.monotonic() > deadline:
                    raise
                logger.warning("Conversation database unavailable (%s); retrying.",
                               error.__class__.__name__)
                await asyncio.sleep(0.5)

    async def _save(self, tracker: DialogueStateTracker) -> None:
        with self.session_scope() as session:
            new_events = list(self._additional_events(session, tracker))
            if any(isinstance(e, ActionExecuted) and e.action_name == ERASE_ACTION
                   for e in new_events):
                session.query(self.SQLEvent).filter(
                    self.SQLEvent.sender_id == tracker.sender_id).delete()
                session.commit()
                return
            for event in new_events:
                data = mask(event.as_dict())
                session.add(self.SQLEvent(
                    sender_id=tracker.sender_id, type_name=event.type_name,
                    timestamp=data.get("timestamp"),
                    intent_name=data.get("parse_data", {}).get("intent", {}).get("name"),
                    action_name=data.get("name"), data=json.dumps(data),
                ))
            session.commit()
