import pytest
from hypothesis import settings
from hypothesis.stateful import run_state_machine_as_test
from tests.unit.test_stateful_social import SocialMachine
import application.follows.follow as follow_mod
import application.tweets.acts as acts
import adapters.persistence.memory.notifications as mn

def run():
    run_state_machine_as_test(SocialMachine, settings=settings(max_examples=60, stateful_step_count=30, deadline=None, database=None))

def test_unfollow_keeps_count(monkeypatch):
    orig = follow_mod._move_counts
    async def bad(uow, a, b, delta):
        if delta > 0: await orig(uow, a, b, delta)
    monkeypatch.setattr(follow_mod, "_move_counts", bad)
    with pytest.raises(Exception): run()

def test_unlike_keeps_notification(monkeypatch):
    async def bad(*a, **k): pass
    monkeypatch.setattr(acts, "_unnotify", bad)
    with pytest.raises(Exception): run()

def test_mark_read_marks_everything(monkeypatch):
    orig = mn.MemoryNotifications.mark_read
    async def bad(self, recipient, up_to):
        for n in list(self._rows.values()):
            from dataclasses import replace
            self._rows[n.id] = replace(n, read=True)
    monkeypatch.setattr(mn.MemoryNotifications, "mark_read", bad)
    with pytest.raises(Exception): run()

def test_pages_ordered_wrong(monkeypatch):
    import adapters.persistence.memory.keyset as ks
    import adapters.persistence.memory.timelines as tl
    def bad(rows, page, position):
        c = list(rows)
        if page.after is not None:
            c = [r for r in c if position(r) < (page.after.at, page.after.key)]
        c.sort(key=lambda r: position(r)[0], reverse=True)  # ignores key tie-break
        return c[: page.fetch]
    monkeypatch.setattr(tl, "newest_first", bad)
    with pytest.raises(Exception): run()
