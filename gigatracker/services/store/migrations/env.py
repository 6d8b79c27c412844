"""Alembic environment: always called by Book with an open connection already inside BEGIN IMMEDIATE,
so the whole upgrade (DDL included) commits or rolls back as one."""
from alembic import context

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=None, render_as_batch=True, transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
