"""Alembic migrations of the launchwatch schema; :func:`launchwatch.store.migrate.upgrade` runs
them when a store is opened.

To add one after changing ``store/tables.py``, from the project root::

    .venv/bin/alembic -c src/launchwatch/store/migrations/alembic.ini \\
        -x url=sqlite:///dev.sqlite3 upgrade head
    .venv/bin/alembic -c src/launchwatch/store/migrations/alembic.ini \\
        -x url=sqlite:///dev.sqlite3 revision --autogenerate -m "what changed"

then read the new file in ``versions/``, name its constraints and check it on PostgreSQL too
(``tests/store`` runs the migrations on both databases and checks they match the tables).
"""
