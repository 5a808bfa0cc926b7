"""A profile's tweets and likes, and the home timeline, over HTTP."""

from __future__ import annotations

import pytest

from tests.integration.http.conftest import assert_problem, sign_up

API = "/api/v1"


def post_tweet(client, user, text="hello") -> str:
    response = client.post(f"{API}/tweets", json={"text": text}, headers=user.auth)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def walk(client, path: str, limit: int, headers=None, between=None) -> list[dict]:
    """Every item, following next_cursor; `between` runs after each page."""
    items, cursor = [], None
    separator = "&" if "?" in path else "?"
    while True:
        query = f"limit={limit}" + (f"&cursor={cursor}" if cursor else "")
        response = client.get(f"{path}{separator}{query}", headers=headers)
        assert response.status_code == 200, response.text
        page = response.json()
        assert len(page["items"]) <= limit
        items += page["items"]
        if between is not None:
            between()
        cursor = page["next_cursor"]
        if cursor is None:
            return items


def test_a_profiles_tweets_include_its_retweets_unless_asked_not_to(client, alice, bob):
    own = post_tweet(client, bob, "bob's own")
    hers = post_tweet(client, alice, "alice's")
    client.put(f"{API}/tweets/{hers}/retweet", headers=bob.auth)
    entries = client.get(f"{API}/profiles/BOB/tweets", headers=alice.auth).json()
    assert [(e["tweet"]["id"], e["retweeted_by"]) for e in entries["items"]] == [
        (hers, {"username": "bob", "display_name": "bob", "picture_url": None}),
        (own, None),
    ]
    retweet_entry, tweet_entry = entries["items"]
    assert set(retweet_entry) == {"tweet", "retweeted_by", "at"}
    assert retweet_entry["tweet"]["author"]["username"] == "alice"
    assert retweet_entry["tweet"]["retweeted_by_me"] is False  # alice is viewing
    assert tweet_entry["at"] == tweet_entry["tweet"]["created_at"]
    assert retweet_entry["at"] > tweet_entry["at"]
    only_own = client.get(f"{API}/profiles/bob/tweets?include_retweets=false").json()
    assert [e["tweet"]["id"] for e in only_own["items"]] == [own]
    explicit = client.get(f"{API}/profiles/bob/tweets?include_retweets=true").json()
    assert explicit["items"] == client.get(f"{API}/profiles/bob/tweets").json()["items"]


def test_the_tweets_a_profile_liked_come_newest_like_first(client, alice, bob):
    tweets = [post_tweet(client, alice, f"t{n}") for n in range(3)]
    for tweet_id in (tweets[1], tweets[0], tweets[2]):
        client.put(f"{API}/tweets/{tweet_id}/like", headers=bob.auth)
    liked = walk(client, f"{API}/profiles/bob/likes", 2, headers=bob.auth)
    assert [t["id"] for t in liked] == [tweets[2], tweets[0], tweets[1]]
    assert all(t["liked_by_me"] and t["like_count"] == 1 for t in liked)


def test_unknown_profiles_are_404_and_bad_queries_422(client, alice):
    for path in ("tweets", "likes"):
        assert_problem(client.get(f"{API}/profiles/nobody/{path}"), 404)
        problem = assert_problem(client.get(f"{API}/profiles/alice/{path}?limit=0"), 422)
        assert problem["errors"][0]["field"] == "limit"
        problem = assert_problem(client.get(f"{API}/profiles/alice/{path}?cursor=zz"), 422)
        assert problem["errors"][0]["field"] == "cursor"
    problem = assert_problem(client.get(f"{API}/profiles/alice/tweets?include_retweets=maybe"), 422)
    assert problem["errors"][0]["field"] == "include_retweets"


def test_the_home_timeline_needs_a_token(client):
    assert_problem(client.get(f"{API}/timeline"), 401)
    assert_problem(client.get(f"{API}/timeline", headers={"Authorization": "Bearer nope"}), 401)


def test_the_home_timeline_holds_own_and_followed_tweets_and_retweets(client, alice, bob):
    carol = sign_up(client, "carol")
    client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    mine = post_tweet(client, alice, "mine")
    bobs = post_tweet(client, bob, "bob's")
    carols = post_tweet(client, carol, "carol's")
    client.put(f"{API}/tweets/{carols}/retweet", headers=bob.auth)
    client.put(f"{API}/tweets/{bobs}/like", headers=alice.auth)
    home = client.get(f"{API}/timeline", headers=alice.auth).json()
    assert [
        (e["tweet"]["id"], (e["retweeted_by"] or {}).get("username")) for e in home["items"]
    ] == [
        (carols, "bob"),
        (bobs, None),
        (mine, None),
    ]
    assert [e["tweet"]["liked_by_me"] for e in home["items"]] == [False, True, False]
    assert home["next_cursor"] is None
    problem = assert_problem(client.get(f"{API}/timeline?limit=abc", headers=alice.auth), 422)
    assert problem["errors"][0]["field"] == "limit"


@pytest.mark.parametrize("path", ["timeline", "profiles/bob/tweets", "profiles/alice/likes"])
def test_pages_neither_skip_nor_repeat_when_writes_land_between_them(client, alice, bob, path):
    client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    written = []
    for n in range(7):
        tweet_id = post_tweet(client, bob, f"t{n}")
        client.put(f"{API}/tweets/{tweet_id}/like", headers=alice.auth)
        written.append(tweet_id)

    def write_more() -> None:
        fresh = post_tweet(client, bob, "late")
        client.put(f"{API}/tweets/{fresh}/like", headers=alice.auth)
        client.put(f"{API}/tweets/{written[0]}/retweet", headers=alice.auth)

    items = walk(client, f"{API}/{path}", 3, headers=alice.auth, between=write_more)
    ids = [item["tweet"]["id"] if "tweet" in item else item["id"] for item in items]
    assert ids == written[::-1]
