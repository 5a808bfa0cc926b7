"""What only the SQL backends have to get right about conversations: the full-text
engines (FTS5, tsvector) with prefixes, case and accents, an index that forgets deleted
tweets, the bounded ancestor walk, and the same answers from the read path and from a
writing unit of work (which runs the same statements on SQLAlchemy's connection)."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from adapters.persistence.sql.bulk import SqlBulkWriter
from adapters.persistence.sql.engine import create_engine
from adapters.persistence.sql.reads.conversations import ReadSearch
from application.pagination import Cursor, PageRequest
from application.ports.conversations import TweetSearch
from domain.follow import Follow
from domain.profile import Profile
from domain.tweet import Tweet
from tests.conftest import BACKENDS
from tests.support.builders import NOW, a_profile, pid

pytestmark = pytest.mark.parametrize("database_url", BACKENDS[1:], indirect=True)
BOTH_PATHS = pytest.mark.parametrize("read_only", [True, False], ids=["read-path", "in-writer"])


def tid(n: int) -> str:
    return f"01T{n:023d}"


def a_tweet(n: int, text: str = "", author: int = 1, **fields) -> Tweet:  # type: ignore[no-untyped-def]
    fields.setdefault("created_at", NOW + timedelta(seconds=n))
    return Tweet(id=tid(n), author_id=pid(author), text=text or f"tweet {n}", **fields)


def reply(n: int, to: int, author: int = 1, text: str = "") -> Tweet:
    return a_tweet(n, text, author, in_reply_to_id=tid(to), in_reply_to_author_id=pid(author))


async def store(uow_factory, *tweets: Tweet, profiles=(1, 2, 3), follows=()) -> None:  # type: ignore[no-untyped-def]
    async with uow_factory() as uow:
        for n in profiles:
            await uow.profiles.add(a_profile(n))
        for tweet in tweets:
            await uow.tweets.add(tweet)
        for follower, followee in follows:
            await uow.follows.add(Follow(pid(follower), pid(followee), NOW))
        await uow.commit()


async def found(uow_factory, read_only: bool, words=(), tags=(), mentions=()) -> list[str]:  # type: ignore[no-untyped-def]
    async with uow_factory(read_only=read_only) as uow:
        search = TweetSearch(tuple(words), tuple(tags), tuple(mentions))
        return [t.id for t in await uow.search.tweets(search, PageRequest(limit=50))]


@BOTH_PATHS
async def test_words_match_as_prefixes_whatever_the_case(uow_factory, read_only: bool) -> None:
    await store(
        uow_factory,
        a_tweet(1, "I love Python"),
        a_tweet(2, "PYTHONIC code, and web stuff"),
        a_tweet(3, "a python-like snake"),
        a_tweet(4, "typhoon season"),
    )
    assert await found(uow_factory, read_only, ["pyth"]) == [tid(3), tid(2), tid(1)]
    assert await found(uow_factory, read_only, ["pyth", "web"]) == [tid(2)]
    assert await found(uow_factory, read_only, ["ython"]) == []  # a start, not a middle
    assert await found(uow_factory, read_only, ["not"]) == []  # a word, never an operator


@BOTH_PATHS
async def test_accented_words_match_themselves_in_any_case(uow_factory, read_only: bool) -> None:
    await store(uow_factory, a_tweet(1, "Un CAFÉ crème"), a_tweet(2, "a plain cafe"))
    assert await found(uow_factory, read_only, ["café"]) == [tid(1)]
    assert await found(uow_factory, read_only, ["crè"]) == [tid(1)]
    # Accents are kept on every backend, so both find the same.
    assert await found(uow_factory, read_only, ["cafe"]) == [tid(2)]


@BOTH_PATHS
async def test_tags_and_mentions_narrow_a_search(uow_factory, read_only: bool) -> None:
    await store(
        uow_factory,
        a_tweet(1, "#python rocks @user_2", hashtags=("python",), mention_ids=(pid(2),)),
        a_tweet(2, "#python rocks", hashtags=("python",)),
        a_tweet(3, "python rocks @user_2", mention_ids=(pid(2),)),
    )
    assert await found(uow_factory, read_only, ["rock"], ["python"]) == [tid(2), tid(1)]
    assert await found(uow_factory, read_only, ["rock"], ["python"], [pid(2)]) == [tid(1)]
    assert await found(uow_factory, read_only, (), (), [pid(2)]) == [tid(3), tid(1)]
    assert await found(uow_factory, read_only, (), ["python"]) == [tid(2), tid(1)]


async def test_a_deleted_tweet_leaves_the_index(uow_factory) -> None:  # type: ignore[no-untyped-def]
    await store(uow_factory, a_tweet(1, "ephemeral words"), a_tweet(2, "ephemeral too"))
    async with uow_factory() as uow:
        assert await uow.tweets.remove(tid(1))
        await uow.commit()
    assert await found(uow_factory, True, ["ephem"]) == [tid(2)]
    async with uow_factory() as uow:
        await uow.tweets.add(a_tweet(3, "ephemeral again"))
        await uow.commit()
    assert await found(uow_factory, True, ["ephem"]) == [tid(3), tid(2)]


async def test_search_pages_follow_the_cursor(uow_factory) -> None:  # type: ignore[no-untyped-def]
    await store(uow_factory, *(a_tweet(n, f"common word {n}") for n in range(1, 8)))
    seen, after = [], None
    while True:
        async with uow_factory(read_only=True) as uow:
            page = PageRequest(limit=3, after=after)
            rows = await uow.search.tweets(TweetSearch(("comm",)), page)
        seen += [t.id for t in rows[:3]]
        if len(rows) <= 3:
            break
        after = Cursor(rows[2].created_at, rows[2].id)
    assert seen == [tid(n) for n in range(7, 0, -1)]


@BOTH_PATHS
async def test_ancestors_are_one_bounded_walk_root_first(uow_factory, read_only: bool) -> None:
    chain = [a_tweet(1, "root")] + [reply(n, n - 1) for n in range(2, 106)]
    await store(uow_factory, *chain)
    async with uow_factory(read_only=read_only) as uow:
        above = await uow.threads.ancestors(tid(105))
        assert [t.id for t in above] == [tid(n) for n in range(5, 105)]
        assert [t.id for t in await uow.threads.ancestors(tid(4), limit=2)] == [tid(2), tid(3)]
        assert await uow.threads.ancestors(tid(1)) == []
    async with uow_factory() as uow:
        await uow.tweets.remove(tid(50))
        await uow.commit()
    async with uow_factory(read_only=read_only) as uow:
        above = await uow.threads.ancestors(tid(53))
        assert [t.id for t in above] == [tid(51), tid(52)]  # stops below the deleted one
        replies = await uow.threads.replies(tid(50), PageRequest(limit=5))
        assert [t.id for t in replies] == [tid(51)]  # the reply keeps what it answered
        assert replies[0].in_reply_to_id == tid(50)


@BOTH_PATHS
async def test_tweets_come_back_with_their_entities(uow_factory, read_only: bool) -> None:
    tweet = a_tweet(1, "@user_3 @user_2 #b #a", mention_ids=(pid(3), pid(2)), hashtags=("b", "a"))
    await store(uow_factory, tweet, reply(2, 1, author=2))
    async with uow_factory(read_only=read_only) as uow:
        assert await uow.tweets.get(tid(1)) == tweet
        again = (await uow.tweets.get_many([tid(1), tid(2)]))[tid(1)]
        assert (again.mention_ids, again.hashtags) == ((pid(3), pid(2)), ("b", "a"))
        assert [t.id for t in await uow.discovery.tagged("a", PageRequest(limit=5))] == [tid(1)]
        assert [t.id for t in await uow.discovery.public(PageRequest(limit=5))] == [tid(1)]


async def test_profile_search_uses_username_prefixes_and_name_words(uow_factory) -> None:  # type: ignore[no-untyped-def]
    people = [
        Profile(
            id=pid(n),
            username=name,
            email=f"{name}@example.com",
            display_name=display,
            bio="",
            created_at=NOW,
            password_hash="$argon2id$fake",
        )
        for n, (name, display) in enumerate(
            [
                ("Anna", "Anna Smith"),
                ("bob_an", "Bob"),
                ("carl", "Carl Anderson"),
                ("dora", "Dora Banana"),  # 'an' inside a word only
                ("an_z", "Zed"),
            ],
            start=1,
        )
    ]
    async with uow_factory() as uow:
        for person in people:
            await uow.profiles.add(person)
        await uow.commit()
    async with uow_factory(read_only=True) as uow:
        first = await uow.search.profiles("an", PageRequest(limit=2))
        assert [p.username for p in first] == ["an_z", "Anna", "carl"]  # one more: a next page
        after = Cursor(datetime.min, first[1].username_key)
        rest = await uow.search.profiles("an", PageRequest(limit=5, after=after))
        assert [p.username for p in rest] == ["carl"]
        assert [p.username for p in await uow.search.profiles("b", PageRequest(limit=5))] == [
            "bob_an",
            "dora",
        ]
        assert await uow.search.profiles("an z", PageRequest(limit=5)) == []


async def pages(uow_factory, search: TweetSearch, size: int, read_only: bool = True) -> list[str]:  # type: ignore[no-untyped-def]
    """Every page of the search, cursor after cursor: the ids in the order given."""
    seen, after = [], None
    while True:
        async with uow_factory(read_only=read_only) as uow:
            rows = await uow.search.tweets(search, PageRequest(limit=size, after=after))
        seen += [t.id for t in rows[:size]]
        if len(rows) <= size:
            return seen
        after = Cursor(rows[size - 1].created_at, rows[size - 1].id)


def newest_first(tweets: list[Tweet]) -> list[str]:
    return [t.id for t in sorted(tweets, key=lambda t: (t.created_at, t.id), reverse=True)]


@BOTH_PATHS
@pytest.mark.parametrize("slack", [8, 0], ids=["keys-ahead", "chunk-after-chunk"])
async def test_tweets_of_one_microsecond_page_by_id_exactly(  # type: ignore[no-untyped-def]
    uow_factory, monkeypatch, read_only: bool, slack: int
) -> None:
    """Tweets sharing a microsecond, written in no order of id: every page size walks
    them by (created_at, id), never skipping nor repeating one, tags and mentions too."""
    monkeypatch.setattr(ReadSearch, "SLACK", slack)
    order = [7, 2, 11, 5, 1, 9, 4, 12, 3, 10, 6, 8]
    written = [
        a_tweet(
            n,
            f"shared moment {'#hot' if n % 3 else ''} {n}",
            hashtags=("hot",) * (n % 3 > 0),
            created_at=NOW + timedelta(seconds=1 if n < 10 else 2),
        )
        for n in order
    ]
    written.append(a_tweet(13, "shared moment, later"))
    await store(uow_factory, *written)
    hot = [t for t in written if t.hashtags]
    for size in (1, 2, 3, 5, 20):
        shared = await pages(uow_factory, TweetSearch(("shar",)), size, read_only)
        assert shared == newest_first(written)
        tagged = await pages(uow_factory, TweetSearch(("mom",), ("hot",)), size, read_only)
        assert tagged == newest_first(hot)
        assert await pages(uow_factory, TweetSearch((), ("hot",)), size, read_only) == tagged


@BOTH_PATHS
@pytest.mark.parametrize("max_checked", [2000, 1], ids=["checked", "looked-up-whole"])
async def test_long_words_match_as_prefixes_page_after_page(  # type: ignore[no-untyped-def]
    uow_factory, monkeypatch, read_only: bool, max_checked: int
) -> None:
    """Words longer than the indexed prefixes: found through the prefix and checked on
    the text, or (past MAX_CHECKED rows) looked up themselves, with the same pages."""
    monkeypatch.setattr(ReadSearch, "MAX_CHECKED", max_checked)
    monkeypatch.setattr(ReadSearch, "SLACK", 0)
    texts = [
        "coffee in the morning",
        "a coffin",
        "coffees, mornings",
        "Coffee-time",
        "cofe morn",
        "COFFINS and coffee",
        "decoffeinated morning",
        "coffeemorning",
    ]
    written = [a_tweet(n, text) for n, text in enumerate(texts, start=1)]
    await store(uow_factory, *written)
    expected = {
        ("coffi",): [2, 6],
        ("coffee",): [1, 3, 4, 6, 8],
        ("coffee", "morning"): [1, 3],  # "coffeemorning" is one word
        ("coff", "morni"): [1, 3],
        ("coffeemorn",): [8],
        ("morning",): [1, 3, 7],
    }
    for words, numbers in expected.items():
        for size in (1, 2, 3):
            found = await pages(uow_factory, TweetSearch(words), size, read_only)
            assert found == [tid(n) for n in sorted(numbers, reverse=True)], (words, size)


async def test_tweets_stored_out_of_time_order_come_newest_first(  # type: ignore[no-untyped-def]
    uow_factory, database_url: str
) -> None:
    """Old dates written last, by the unit of work and by the bulk writer (seeding)."""
    recent = [a_tweet(n, f"timeless {n}") for n in range(1, 5)]
    older = [
        a_tweet(n, f"timeless {n}", created_at=NOW - timedelta(days=400, microseconds=n))
        for n in range(5, 9)
    ]
    await store(uow_factory, *recent, older[0], older[1])
    engine = create_engine(database_url)
    try:
        await SqlBulkWriter(engine).insert(older[2:])
    finally:
        await engine.dispose()
    expected = newest_first(recent + older)
    for size in (1, 3, 50):
        assert await pages(uow_factory, TweetSearch(("timel",)), size) == expected


async def test_a_cursor_whose_tweet_was_deleted_still_finds_the_rest(uow_factory) -> None:  # type: ignore[no-untyped-def]
    written = [a_tweet(n, f"fleeting {n}") for n in range(1, 8)]
    written += [a_tweet(n, f"fleeting {n}", created_at=NOW) for n in (9, 8, 10)]
    await store(uow_factory, *written)
    expected = newest_first(written)
    assert expected == [tid(n) for n in (7, 6, 5, 4, 3, 2, 1, 10, 9, 8)]
    for gone in (3, 9):  # one alone in its microsecond, one sharing it
        async with uow_factory() as uow:
            assert await uow.tweets.remove(tid(gone))
            await uow.commit()
        moment = next(t.created_at for t in written if t.id == tid(gone))
        async with uow_factory(read_only=True) as uow:
            page = PageRequest(limit=50, after=Cursor(moment, tid(gone)))
            rest = await uow.search.tweets(TweetSearch(("fleet",)), page)
        assert [t.id for t in rest] == [
            i for i in expected[expected.index(tid(gone)) + 1 :] if i != tid(3)
        ]


@pytest.mark.parametrize(("first_window", "few"), [(1, 0), (3, 0), (1, 1000)])
async def test_windows_of_the_newest_tweets_find_every_page(  # type: ignore[no-untyped-def]
    uow_factory, database_url: str, monkeypatch, first_window: int, few: int
) -> None:
    """PostgreSQL looks for matches among ever more of the newest tweets: whatever the
    windows, the pages are those of all matches, tags and mentions too."""
    if database_url.startswith("sqlite"):
        pytest.skip("windows are PostgreSQL's way")
    monkeypatch.setattr(ReadSearch, "WINDOW_ROWS", first_window)
    monkeypatch.setattr(ReadSearch, "GROWTH", 2)
    monkeypatch.setattr(ReadSearch, "FEW_MATCHES", few)
    written = [
        a_tweet(
            n,
            f"common {'rare' if n % 7 == 0 else ''} {'#hot' if n % 3 else ''} @user_2 {n}",
            hashtags=("hot",) * (n % 3 > 0),
            mention_ids=(pid(2),) * (n % 2),
            created_at=NOW + timedelta(minutes=n * n),  # ever sparser: windows miss
        )
        for n in range(1, 31)
    ]
    await store(uow_factory, *written)
    engine = create_engine(database_url)
    try:
        async with engine.begin() as connection:
            await connection.exec_driver_sql("ANALYZE tweets")
    finally:
        await engine.dispose()
    searches = {
        TweetSearch(("comm",)): written,
        TweetSearch(("rare",)): [t for t in written if "rare" in t.text],
        TweetSearch(("comm", "rare")): [t for t in written if "rare" in t.text],
        TweetSearch(("rar", "common")): [t for t in written if "rare" in t.text],
        TweetSearch(("common", "user_")): written,
        TweetSearch(("comm",), ("hot",)): [t for t in written if t.hashtags],
        TweetSearch(("comm",), (), (pid(2),)): [t for t in written if t.mention_ids],
    }
    for search, matching in searches.items():
        for size in (1, 2, 5):
            assert await pages(uow_factory, search, size) == newest_first(matching)
