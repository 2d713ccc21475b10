"""Alembic's environment for the launchwatch schema.

Opening a store runs it with the store's own connection (``config.attributes["connection"]``);
the ``alembic`` command runs it with ``-x url=DATABASE_URL``.
"""

from __future__ import annotations

from alembic import context

from launchwatch.errors import StoreError
from launchwatch.store.engine import create_store_engine, database_url
from launchwatch.store.tables import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    url = (context.get_x_argument(as_dictionary=True).get("url")
           or config.get_main_option("sqlalchemy.url"))
    if not url:
        raise StoreError("no database to migrate; pass -x url=DATABASE_URL to alembic")
    return url


def _configure_and_run(**options: object) -> None:
    context.configure(target_metadata=target_metadata, compare_type=True, **options)
    with context.begin_transaction():
        context.run_migrations()


def run_offline() -> None:
    url = database_url(_url())
    _configure_and_run(url=url, literal_binds=True,
                       render_as_batch=url.get_backend_name() == "sqlite")


def run_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure_and_run(connection=connection,
                           render_as_batch=connection.dialect.name == "sqlite")
        return
    engine = create_store_engine(_url())
    try:
        with engine.begin() as own_connection:
            _configure_and_run(connection=own_connection,
                               render_as_batch=own_connection.dialect.name == "sqlite")
    finally:
        engine.dispose()


if context.is_offline_mode():
    run_offline()
else:
    run_online()
