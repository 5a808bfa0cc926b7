"""Taking turns at writing between the processes that serve one SQLite file.

SQLite's own waiting is polling: a writer that finds the lock taken sleeps and tries
again, and one that is busy all the time wins nearly every try. Two workers on one file
measured 6.5-6.9 s of such waits in 8,000 likes (p99 200-250 ms). Here a writer first
takes an exclusive flock(2) on a side file: free, it is one system call in the loop;
taken, a thread waits for it in the kernel (the loop keeps serving) and is woken the
moment the holder lets go, so the processes alternate instead of one starving. The
SQLite write lock is still taken by BEGIN IMMEDIATE, only after the turn."""

from __future__ import annotations

import asyncio
import fcntl
import os


class WriterTurns:
    def __init__(self, database: str) -> None:
        self._path = database + "-writer"
        self._fd: int | None = None
        self._held = False

    def _descriptor(self) -> int:
        if self._fd is None:
            self._fd = os.open(self._path, os.O_RDWR | os.O_CREAT, 0o600)
        return self._fd

    async def take(self) -> None:
        """Once per process at a time (the caller holds the process's own lock)."""
        fd = self._descriptor()
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            waiting = asyncio.get_running_loop().run_in_executor(
                None, fcntl.flock, fd, fcntl.LOCK_EX
            )
            try:
                await asyncio.shield(waiting)
            except asyncio.CancelledError:
                # The thread may still get the turn: give it back as soon as it does.
                waiting.add_done_callback(self._give_back_if_taken)
                raise
        self._held = True

    @property
    def held(self) -> bool:
        return self._held

    def give_back(self) -> None:
        if self._held and self._fd is not None:
            self._held = False
            fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _give_back_if_taken(self, waited: asyncio.Future[None]) -> None:
        if not waited.cancelled() and waited.exception() is None and not self._held:
            fcntl.flock(self._descriptor(), fcntl.LOCK_UN)

    def close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)  # closing lets go of the lock too
