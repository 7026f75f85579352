import os
import uuid
from datetime import datetime

import pytest

os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

POSTGRES_URL = os.environ.get("EXITBOT_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


def _use_database(monkeypatch, url, tmp_path):
    from bot.bookings import crypto, db

    monkeypatch.setenv("EXITBOT_DB_URL", url)
    monkeypatch.setenv("EXITBOT_KEY_FILE", str(tmp_path / "secret.key"))
    monkeypatch.setattr("bot.config.KEY_FILE", tmp_path / "secret.key")
    crypto._fernet.cache_clear()
    db.migrate(url)
    return url


@pytest.fixture
def bookings_db(monkeypatch, tmp_path):
    """A fresh, migrated SQLite bookings database and encryption key for one test."""
    yield _use_database(monkeypatch, f"sqlite:///{tmp_path / 'bookings.db'}", tmp_path)


@pytest.fixture(params=["sqlite", "postgres"])
def any_bookings_db(request, monkeypatch, tmp_path):
    """The same test on SQLite and on Postgres (a fresh schema on the local server)."""
    if request.param == "sqlite":
        yield _use_database(monkeypatch, f"sqlite:///{tmp_path / 'bookings.db'}", tmp_path)
        return
    import sqlalchemy as sa

    schema = f"t_{uuid.uuid4().hex[:10]}"
    admin = sa.create_engine(POSTGRES_URL)
    with admin.begin() as connection:
        connection.execute(sa.text(f"CREATE SCHEMA {schema}"))
    url = f"{POSTGRES_URL}?options=-csearch_path%3D{schema}"
    try:
        yield _use_database(monkeypatch, url, tmp_path)
    finally:
        from bot.bookings import db

        db.engine(url).dispose()
        with admin.begin() as connection:
            connection.execute(sa.text(f"DROP SCHEMA {schema} CASCADE"))
        admin.dispose()


@pytest.fixture
def monday_morning():
    """A fixed 'now': Monday 30 November 2026, 08:00 in Copenhagen."""
    from bot.config import TIMEZONE

    return datetime(2026, 11, 30, 8, 0, tzinfo=TIMEZONE)
