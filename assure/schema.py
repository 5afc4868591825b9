"""The schema revision this version of assure writes (the newest Alembic migration).

Kept as a constant so that checking whether a database is current needs neither Alembic nor
SQLAlchemy; tests/cli/test_fastpath.py holds it to the migrations' real head.
"""

SCHEMA_HEAD = "0008"
