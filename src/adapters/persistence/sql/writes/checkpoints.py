"""WAL checkpoints of the write path, on a thread of their own.

SQLite's automatic checkpoint runs inside the COMMIT that crosses the WAL's size
threshold: it copies the WAL into the database file and syncs it, which here took up to
tens of milliseconds (p99 of commits 7.5 ms, worst 50-100 ms, measured), all of it in
the event-loop thread. The write connection turns it off; this thread runs a PASSIVE
checkpoint every CHECKPOINT_EVERY commits of this process instead, on its own
connection. A passive checkpoint takes no write lock (writers go on appending to the
WAL meanwhile) and sqlite3 releases the GIL while it runs, so the loop keeps serving."""

from __future__ import annotations

import sqlite3
import threading

# About the WAL growth of SQLite's own threshold (1,000 pages) for small transactions.
CHECKPOINT_EVERY = 200


class Checkpointer:
    def __init__(self, path: str, every: int = CHECKPOINT_EVERY) -> None:
        self._path = path
        self._every = every
        self._commits = 0
        self._wake = threading.Event()
        self._stopping = False
        self._thread: threading.Thread | None = None
        self.checkpoints = 0  # done, for the tests

    def committed(self) -> None:
        """Counts a commit of this process; every `every`th wakes the thread."""
        self._commits += 1
        if self._commits < self._every:
            return
        self._commits = 0
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._run, name="sqlite-checkpoints", daemon=True
            )
            self._thread.start()
        self._wake.set()

    def _run(self) -> None:
        connection = sqlite3.connect(self._path, isolation_level=None, check_same_thread=False)
        # Busy means another process checkpoints right now: nothing to wait for.
        connection.execute("PRAGMA busy_timeout=0")
        try:
            while True:
                self._wake.wait()
                self._wake.clear()
                if self._stopping:
                    return
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                    self.checkpoints += 1
                except sqlite3.OperationalError:
                    pass
        finally:
            connection.close()

    def close(self) -> None:
        thread, self._thread = self._thread, None
        if thread is not None:
            self._stopping = True
            self._wake.set()
            thread.join(timeout=5)
