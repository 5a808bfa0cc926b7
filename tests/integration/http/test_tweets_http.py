"""The tweet endpoints over HTTP: writing, reading, deleting, liking, retweeting, and
who liked or retweeted, with every error status API.md names."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image

from tests.integration.http.conftest import assert_problem, sign_up

API = "/api/v1"
RFC3339_UTC = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z")
TWEET_FIELDS = {
    "id",
    "author",
    "text",
    "media",
    "like_count",
    "retweet_count",
    "created_at",
    "liked_by_me",
    "retweeted_by_me",
    # Conversations and discovery (second release)
    "in_reply_to_id",
    "in_reply_to",
    "reply_count",
    "mentions",
    "hashtags",
}
SUMMARY_FIELDS = {"username", "display_name", "picture_url"}


def post_tweet(client, user, text="hello", **extra):
    response = client.post(f"{API}/tweets", json={"text": text, **extra}, headers=user.auth)
    assert response.status_code == 201, response.text
    return response.json()


def upload_png(client, user) -> str:
    buffer = io.BytesIO()
    Image.new("RGB", (3, 2), "red").save(buffer, format="PNG")
    response = client.post(
        f"{API}/media",
        files={"file": ("dot.png", buffer.getvalue(), "image/png")},
        headers=user.auth,
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def test_posting_a_tweet_answers_201_with_the_normalised_tweet(client, alice):
    body = post_tweet(client, alice, "  Cafe\u0301 \U0001f426 \n")
    assert set(body) == TWEET_FIELDS
    assert body["text"] == "Caf\u00e9 \U0001f426"
    assert body["author"] == {"username": "alice", "display_name": "alice", "picture_url": None}
    assert (body["media"], body["like_count"], body["retweet_count"]) == ([], 0, 0)
    assert (body["liked_by_me"], body["retweeted_by_me"]) == (False, False)
    assert RFC3339_UTC.fullmatch(body["created_at"])
    assert client.get(f"{API}/profiles/alice").json()["tweets_count"] == 1


def test_a_tweet_with_media_lists_them_in_order_and_may_have_no_text(client, alice):
    first, second = upload_png(client, alice), upload_png(client, alice)
    body = post_tweet(client, alice, "", media_ids=[second, first])
    assert body["text"] == ""
    assert [m["id"] for m in body["media"]] == [second, first]
    media = body["media"][0]
    assert (media["content_type"], media["width"], media["height"]) == ("image/png", 3, 2)
    assert client.get(f"{API}/tweets/{body['id']}").json()["media"] == body["media"]
    assert client.get(media["url"]).status_code == 200


def test_media_used_twice_or_uploaded_by_someone_else_are_422(client, alice, bob):
    used, bobs = upload_png(client, alice), upload_png(client, bob)
    post_tweet(client, alice, "first", media_ids=[used])
    for media_ids, field in (([used], "media_ids.0"), ([bobs], "media_ids.0")):
        response = client.post(
            f"{API}/tweets", json={"text": "x", "media_ids": media_ids}, headers=alice.auth
        )
        assert assert_problem(response, 422)["errors"][0]["field"] == field


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"text": "x" * 281}, "text"),
        ({"text": "   "}, "text"),
        ({"text": "hi", "like_count": 5}, "like_count"),
        ({"text": "hi", "media_ids": ["a", "b", "c", "d", "e"]}, "media_ids"),
        ({"text": 7}, "text"),
        ({}, "text"),
    ],
    ids=["too-long", "blank", "mass-assignment", "five-media", "not-a-string", "missing"],
)
def test_a_bad_tweet_body_is_422_naming_the_field(client, alice, body, field):
    response = client.post(f"{API}/tweets", json=body, headers=alice.auth)
    problem = assert_problem(response, 422)
    assert [e["field"] for e in problem["errors"]] == [field]
    assert client.get(f"{API}/profiles/alice").json()["tweets_count"] == 0


def test_malformed_json_is_400_and_no_token_is_401(client, alice):
    malformed = client.post(
        f"{API}/tweets",
        content=b'{"text": ',
        headers={**alice.auth, "content-type": "application/json"},
    )
    assert_problem(malformed, 400)
    assert_problem(client.post(f"{API}/tweets", json={"text": "hi"}), 401)
    bad_token = {"Authorization": "Bearer not-a-token"}
    assert_problem(client.post(f"{API}/tweets", json={"text": "hi"}, headers=bad_token), 401)


def test_a_tweet_is_read_by_anyone_with_the_viewers_flags(client, alice, bob):
    tweet = post_tweet(client, alice)
    client.put(f"{API}/tweets/{tweet['id']}/like", headers=bob.auth)
    anonymous = client.get(f"{API}/tweets/{tweet['id']}")
    as_bob = client.get(f"{API}/tweets/{tweet['id']}", headers=bob.auth).json()
    assert anonymous.status_code == 200
    assert (anonymous.json()["liked_by_me"], anonymous.json()["like_count"]) == (False, 1)
    assert (as_bob["liked_by_me"], as_bob["retweeted_by_me"]) == (True, False)
    assert_problem(client.get(f"{API}/tweets/unknown"), 404)
    invalid = client.get(f"{API}/tweets/{tweet['id']}", headers={"Authorization": "Bearer x"})
    assert_problem(invalid, 401)


def test_only_the_author_deletes_and_a_deleted_tweet_is_404_everywhere(client, alice, bob):
    tweet_id = post_tweet(client, alice)["id"]
    client.put(f"{API}/tweets/{tweet_id}/like", headers=bob.auth)
    client.put(f"{API}/tweets/{tweet_id}/retweet", headers=bob.auth)
    assert_problem(client.delete(f"{API}/tweets/{tweet_id}"), 401)
    assert_problem(client.delete(f"{API}/tweets/{tweet_id}", headers=bob.auth), 403)
    deleted = client.delete(f"{API}/tweets/{tweet_id}", headers=alice.auth)
    assert (deleted.status_code, deleted.content) == (204, b"")
    for method, path in [
        ("GET", ""),
        ("DELETE", ""),
        ("GET", "/likes"),
        ("GET", "/retweets"),
        ("PUT", "/like"),
        ("DELETE", "/like"),
        ("PUT", "/retweet"),
        ("DELETE", "/retweet"),
    ]:
        response = client.request(method, f"{API}/tweets/{tweet_id}{path}", headers=alice.auth)
        assert_problem(response, 404)
    assert client.get(f"{API}/profiles/alice").json()["tweets_count"] == 0
    assert client.get(f"{API}/profiles/bob/tweets").json()["items"] == []
    assert client.get(f"{API}/profiles/bob/likes").json()["items"] == []
    assert client.get(f"{API}/notifications", headers=alice.auth).json()["items"] == []


@pytest.mark.parametrize(
    ("act", "count", "flag"),
    [
        ("like", "like_count", "liked_by_me"),
        ("retweet", "retweet_count", "retweeted_by_me"),
    ],
)
def test_acts_are_idempotent_both_ways_and_answer_the_tweet(client, alice, bob, act, count, flag):
    tweet_id = post_tweet(client, alice)["id"]
    url = f"{API}/tweets/{tweet_id}/{act}"
    answers = [client.put(url, headers=bob.auth) for _ in range(2)]
    assert [a.status_code for a in answers] == [200, 200]
    assert [(a.json()[count], a.json()[flag]) for a in answers] == [(1, True), (1, True)]
    assert set(answers[0].json()) == TWEET_FIELDS
    undone = [client.delete(url, headers=bob.auth) for _ in range(2)]
    assert [(u.status_code, u.json()[count], u.json()[flag]) for u in undone] == [
        (200, 0, False),
        (200, 0, False),
    ]
    client.put(url, headers=bob.auth)
    inbox = client.get(f"{API}/notifications", headers=alice.auth).json()["items"]
    assert [n["kind"] for n in inbox] == [act]
    assert_problem(client.put(url), 401)
    assert_problem(client.delete(url), 401)
    assert_problem(client.put(f"{API}/tweets/unknown/{act}", headers=bob.auth), 404)


def test_who_liked_and_who_retweeted_come_newest_first_in_pages(client, alice):
    tweet_id = post_tweet(client, alice)["id"]
    fans = [sign_up(client, f"fan{n}") for n in range(3)]
    for fan in fans:
        client.put(f"{API}/tweets/{tweet_id}/like", headers=fan.auth)
        client.put(f"{API}/tweets/{tweet_id}/retweet", headers=fan.auth)
    for listing in ("likes", "retweets"):
        first = client.get(f"{API}/tweets/{tweet_id}/{listing}?limit=2").json()
        second = client.get(
            f"{API}/tweets/{tweet_id}/{listing}?limit=2&cursor={first['next_cursor']}"
        ).json()
        names = [p["username"] for p in first["items"] + second["items"]]
        assert names == ["fan2", "fan1", "fan0"]
        assert set(first["items"][0]) == SUMMARY_FIELDS
        assert second["next_cursor"] is None
    assert_problem(client.get(f"{API}/tweets/unknown/likes"), 404)
    assert_problem(client.get(f"{API}/tweets/unknown/retweets"), 404)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("limit=ten", "limit"),
        ("cursor=%%%", "cursor"),
    ],
)
def test_bad_paging_on_tweet_lists_is_422_naming_the_field(client, alice, query, field):
    tweet_id = post_tweet(client, alice)["id"]
    for path in (f"tweets/{tweet_id}/likes", f"tweets/{tweet_id}/retweets"):
        problem = assert_problem(client.get(f"{API}/{path}?{query}"), 422)
        assert [e["field"] for e in problem["errors"]] == [field]
