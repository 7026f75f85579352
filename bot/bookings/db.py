"""Engine and unit-of-work sessions for the bookings database."""

from __future__ import annotations

from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Iterator

import sqlalchemy as sa
from sqlalchemy.orm import Session, sessionmaker

from bot import ROOT, config


def engine(url: str = None) -> sa.engine.Engine:
    return _engine(url or config.bookings_db_url())


@lru_cache(maxsize=8)
def _engine(url: str) -> sa.engine.Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        created = sa.create_engine(url, future=True, connect_args={"timeout": 30})

        @sa.event.listens_for(created, "connect")
        def _sqlite_pragmas(connection, _record):
            # WAL lets readers work while a booking is written; the busy timeout queues writers.
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA busy_timeout=30000")

        return created
    return sa.create_engine(url, future=True, pool_pre_ping=True)


@contextmanager
def session_scope(url: str = None) -> Iterator[Session]:
    """One session per unit of work: committed on success, rolled back on error, closed."""
    session = sessionmaker(bind=engine(url), future=True, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def migrate(url: str = None) -> None:
    """Brings the database schema to the newest Alembic revision."""
    from alembic import command
    from alembic.config import Config

    alembic_config = Config()
    alembic_config.set_main_option("script_location", str(ROOT / "bot" / "migrations"))
    alembic_config.set_main_option("sqlalchemy.url", (url or config.bookings_db_url())
                                   .replace("%", "%%"))
    command.upgrade(alembic_config, "head")
