"""Alembic environment: the URL comes from bot.bookings.db.migrate (or EXITBOT_DB_URL)."""

from alembic import context

from bot import config as exitbot_config
from bot.bookings.db import engine
from bot.bookings.models import Base

url = context.config.get_main_option("sqlalchemy.url") or exitbot_config.bookings_db_url()

with engine(url).connect() as connection:
    context.configure(connection=connection, target_metadata=Base.metadata,
                      render_as_batch=url.startswith("sqlite"))
    with context.begin_transaction():
        context.run_migrations()
