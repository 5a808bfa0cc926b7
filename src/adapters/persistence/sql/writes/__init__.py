"""The write path on SQLite: units of work on one plain sqlite3 connection per process,
run in the event-loop thread from BEGIN IMMEDIATE to COMMIT without yielding, so the
write lock is held for the microseconds the statements take, never across a thread hop
or an event-loop turn. The hot writes are hand-written SQL; every other repository
method keeps running through SQLAlchemy Core on the same connection and transaction."""
