"""The read path: read-only units of work on the driver itself, without SQLAlchemy's
per-statement machinery, for the reads every request makes.

SQLite reads run on plain sqlite3 connections in the event-loop thread (a WAL reader
never waits for a writer, and a query of microseconds costs less than a thread hop);
PostgreSQL reads run on the asyncpg connection under SQLAlchemy's pooled one. Writes
never come here: they keep the async engine and its transactions."""
