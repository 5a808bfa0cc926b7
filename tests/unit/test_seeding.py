"""The demo data generator: deterministic, heavy-tailed, and consistent with itself."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, datetime

import pytest

from adapters.system.ids import encode
from chirp.seeding import SeedPlan, build_dataset
from chirp.seeding.graph import follow_graph, followers_of, popularity_weights
from chirp.seeding.ids import encode_fast, seeded_id
from domain.notification import NotificationKind
from domain.profile import username_key
from domain.text_entities import hashtags, mention_names

UNTIL = datetime(2026, 6, 1, tzinfo=UTC)


def plan(**changes: object) -> SeedPlan:
    values: dict[str, object] = {"profiles": 60, "tweets": 400, "seed": 3, "until": UNTIL}
    values.update(changes)
    return SeedPlan(**values)  # type: ignore[arg-type]


def test_the_fast_id_encoding_matches_the_servers() -> None:
    rng = random.Random(5)
    values = [0, 2**128 - 1, *(rng.getrandbits(128) for _ in range(2000))]
    assert [encode_fast(v) for v in values] == [encode(v) for v in values]


def test_seeded_ids_sort_by_time() -> None:
    rng = random.Random(1)
    moments = sorted(rng.uniform(1.7e9, 1.8e9) for _ in range(200))
    ids = [seeded_id(rng, moment) for moment in moments]
    assert ids == sorted(ids)


def test_the_same_plan_gives_the_same_data() -> None:
    first, second = build_dataset(plan(), "hash"), build_dataset(plan(), "hash")

    assert first.profiles == second.profiles
    assert first.tweets == second.tweets
    assert list(first.follows()) == list(second.follows())
    assert list(first.likes()) == list(second.likes())
    assert list(first.notifications()) == list(second.notifications())


def test_another_seed_gives_other_data() -> None:
    assert build_dataset(plan(seed=1), "h").tweets != build_dataset(plan(seed=2), "h").tweets


def test_every_count_equals_its_rows() -> None:
    data = build_dataset(plan(), "hash")
    follows, likes, retweets = list(data.follows()), list(data.likes()), list(data.retweets())
    followers = Counter(f.followee_id for f in follows)
    following = Counter(f.follower_id for f in follows)
    authored = Counter(t.author_id for t in data.tweets)
    liked = Counter(like.tweet_id for like in likes)
    retweeted = Counter(r.tweet_id for r in retweets)

    for profile in data.profiles:
        assert profile.followers_count == followers[profile.id]
        assert profile.following_count == following[profile.id]
        assert profile.tweets_count == authored[profile.id]
    for tweet in data.tweets:
        assert tweet.like_count == liked[tweet.id]
        assert tweet.retweet_count == retweeted[tweet.id]
    assert data.sizes()["notifications"] == len(list(data.notifications()))


def test_rows_are_unique_and_acts_follow_what_they_act_on() -> None:
    data = build_dataset(plan(), "hash")
    follows, likes = list(data.follows()), list(data.likes())
    posted = {t.id: t.created_at for t in data.tweets}

    assert len({(f.follower_id, f.followee_id) for f in follows}) == len(follows)
    assert all(f.follower_id != f.followee_id for f in follows)
    assert len({(like.profile_id, like.tweet_id) for like in likes}) == len(likes)
    assert all(posted[like.tweet_id] <= like.created_at <= UNTIL for like in likes)
    assert all(len(t.text) <= 280 and t.text for t in data.tweets)
    assert all(n.recipient_id != n.actor_id for n in data.notifications()), (
        "nobody is notified of their own act"
    )


def test_most_profiles_follow_50_to_300_and_a_few_are_followed_by_many() -> None:
    rng = random.Random(11)
    following = follow_graph(rng, popularity_weights(rng, 3000))
    out_degrees = sorted(len(row) for row in following)
    in_degrees = sorted(len(row) for row in followers_of(following))

    in_range = sum(1 for d in out_degrees if 50 <= d <= 300)
    assert in_range / len(out_degrees) > 0.8
    assert in_degrees[-1] > 1000, "the most popular profile is followed by thousands"
    assert in_degrees[len(in_degrees) // 2] < 150, "the median profile has a modest audience"


def test_likes_fall_on_a_heavy_tailed_share_of_tweets() -> None:
    data = build_dataset(plan(profiles=200, tweets=3000), "hash")
    counts = sorted((t.like_count for t in data.tweets), reverse=True)

    assert counts.count(0) > len(counts) * 0.3, "many tweets get no like"
    top_share = sum(counts[: len(counts) // 10]) / sum(counts)
    assert top_share > 0.4, "a tenth of the tweets gets a large share of the likes"


@pytest.mark.parametrize("size", [1, 2, 5])
def test_tiny_plans_work(size: int) -> None:
    data = build_dataset(plan(profiles=size, tweets=10), "hash")

    assert len(data.profiles) == size
    assert all(p.following_count <= size - 1 for p in data.profiles)


def test_replies_mentions_and_hashtags_follow_the_domain_rules() -> None:
    data = build_dataset(plan(tweets=2000), "hash")
    by_id = {t.id: t for t in data.tweets}
    usernames = {p.id: p.username for p in data.profiles}
    replies = [t for t in data.tweets if t.in_reply_to_id is not None]
    answered = Counter(t.in_reply_to_id for t in replies)

    assert 0.1 < len(replies) / len(data.tweets) < 0.3, "about a fifth are replies"
    for reply in replies:
        parent = by_id[reply.in_reply_to_id]  # type: ignore[index]
        assert parent.created_at <= reply.created_at
        assert reply.in_reply_to_author_id == parent.author_id
    assert all(t.reply_count == answered[t.id] for t in data.tweets)
    assert sum(1 for t in data.tweets if t.hashtags) > len(data.tweets) * 0.1
    for tweet in data.tweets:
        assert list(tweet.hashtags) == hashtags(tweet.text)
        names = [username_key(name) for name in mention_names(tweet.text)]
        assert [usernames[i] for i in tweet.mention_ids] == names
    kinds = Counter(n.kind for n in data.notifications())
    assert kinds[NotificationKind.REPLY] > 0 and kinds[NotificationKind.MENTION] > 0
    assert data.sizes()["tweet_hashtags"] == sum(len(t.hashtags) for t in data.tweets)
