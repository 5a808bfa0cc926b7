"""Replies, threads, mentions and their notifications over HTTP (API.md, "Conversations
and discovery")."""

from __future__ import annotations

import pytest

from tests.integration.http.conftest import assert_problem, settings_for_tests, sign_up

API = "/api/v1"


@pytest.fixture(params=["memory", "sqlite"])
def app_settings(request: pytest.FixtureRequest):
    if request.param == "memory":
        return settings_for_tests()
    return settings_for_tests(request.getfixturevalue("sqlite_url"))


def post(client, user, text="hello", **fields) -> dict:
    response = client.post(f"{API}/tweets", json={"text": text, **fields}, headers=user.auth)
    assert response.status_code == 201, response.text
    return response.json()


def notifications(client, user) -> list[tuple[str, str, str]]:
    items = client.get(f"{API}/notifications", headers=user.auth).json()["items"]
    return [(n["kind"], n["actor"]["username"], n["message"]) for n in items]


def test_a_reply_names_what_it_answers_and_counts_on_the_parent(client, alice, bob):
    parent = post(client, alice, "what do you think?")
    assert parent["in_reply_to_id"] is None and parent["in_reply_to"] is None
    assert parent["reply_count"] == 0 and parent["mentions"] == [] and parent["hashtags"] == []
    reply = post(client, bob, "I agree", in_reply_to_id=parent["id"])
    assert reply["in_reply_to_id"] == parent["id"]
    alice_summary = {"username": "alice", "display_name": "alice", "picture_url": None}
    assert reply["in_reply_to"] == alice_summary
    assert client.get(f"{API}/tweets/{parent['id']}").json()["reply_count"] == 1
    assert notifications(client, alice) == [("reply", "bob", "bob replied to your tweet")]


def test_replying_to_an_unknown_or_deleted_tweet_is_422_on_in_reply_to_id(client, alice):
    gone = post(client, alice, "soon gone")
    assert client.delete(f"{API}/tweets/{gone['id']}", headers=alice.auth).status_code == 204
    for target in ("no-such-tweet", gone["id"]):
        response = client.post(
            f"{API}/tweets", json={"text": "hi", "in_reply_to_id": target}, headers=alice.auth
        )
        body = assert_problem(response, 422)
        assert [e["field"] for e in body["errors"]] == ["in_reply_to_id"]


def test_mentions_resolve_existing_profiles_in_any_case_and_notify_them(client, alice, bob):
    carol = sign_up(client, "carol")
    tweet = post(client, alice, "hi @BOB and @carol, also @nobody and a@b.com @alice @bob")
    assert [m["username"] for m in tweet["mentions"]] == ["bob", "carol", "alice"]
    assert tweet["text"] == "hi @BOB and @carol, also @nobody and a@b.com @alice @bob"
    assert notifications(client, bob) == [("mention", "alice", "alice mentioned you")]
    assert notifications(client, carol) == [("mention", "alice", "alice mentioned you")]
    assert notifications(client, alice) == []  # mentioning yourself notifies nobody


def test_a_reply_that_mentions_the_answered_author_notifies_once(client, alice, bob):
    parent = post(client, alice, "question")
    post(client, bob, "@alice here is the answer", in_reply_to_id=parent["id"])
    assert notifications(client, alice) == [("reply", "bob", "bob replied to your tweet")]


def test_more_than_ten_distinct_mentions_is_422_on_text(client, alice):
    names = [f"user{n}" for n in range(11)]
    for name in names:
        sign_up(client, name)
    text = " ".join(f"@{name}" for name in names)
    refused = client.post(f"{API}/tweets", json={"text": text}, headers=alice.auth)
    body = assert_problem(refused, 422)
    assert [e["field"] for e in body["errors"]] == ["text"]
    ten = " ".join(f"@{name}" for name in names[:10]) + " @nobody1 @nobody2"
    assert len(post(client, alice, ten)["mentions"]) == 10


def test_hashtags_are_folded_distinct_and_in_order(client, alice):
    tweet = post(client, alice, "#Python and #python, #123 #Straße x#y #rust_lang")
    assert tweet["hashtags"] == ["python", "strasse", "rust_lang"]


def test_deleting_a_reply_restores_the_count_and_removes_its_notifications(client, alice, bob):
    parent = post(client, alice, "root")
    reply = post(client, bob, "reply to @alice", in_reply_to_id=parent["id"])
    assert client.delete(f"{API}/tweets/{reply['id']}", headers=bob.auth).status_code == 204
    assert client.get(f"{API}/tweets/{parent['id']}").json()["reply_count"] == 0
    assert notifications(client, alice) == []


def test_replies_come_oldest_first_in_pages_and_stay_after_the_parent_goes(client, alice, bob):
    parent = post(client, alice, "root")
    replies = [post(client, bob, f"r{n}", in_reply_to_id=parent["id"])["id"] for n in range(5)]
    seen, cursor = [], None
    while True:
        query = "?limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"{API}/tweets/{parent['id']}/replies{query}").json()
        seen += [t["id"] for t in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert seen == replies
    client.delete(f"{API}/tweets/{parent['id']}", headers=alice.auth)
    assert_problem(client.get(f"{API}/tweets/{parent['id']}/replies"), 404)
    orphan = client.get(f"{API}/tweets/{replies[0]}").json()
    assert orphan["in_reply_to_id"] == parent["id"]
    assert orphan["in_reply_to"]["username"] == "alice"


def test_ancestors_come_root_first_and_stop_below_a_deleted_tweet(client, alice, bob):
    chain = [post(client, alice, "root")["id"]]
    for n in range(4):
        author = bob if n % 2 == 0 else alice
        chain.append(post(client, author, f"level {n + 1}", in_reply_to_id=chain[-1])["id"])
    above = client.get(f"{API}/tweets/{chain[-1]}/ancestors").json()
    assert [t["id"] for t in above["items"]] == chain[:-1]
    assert client.get(f"{API}/tweets/{chain[0]}/ancestors").json() == {"items": []}
    client.delete(f"{API}/tweets/{chain[1]}", headers=bob.auth)
    above = client.get(f"{API}/tweets/{chain[-1]}/ancestors").json()
    assert [t["id"] for t in above["items"]] == chain[2:-1]
    assert_problem(client.get(f"{API}/tweets/{chain[1]}/ancestors"), 404)
    assert_problem(client.get(f"{API}/tweets/unknown/ancestors"), 404)


def test_profile_tweets_can_leave_out_replies(client, alice, bob):
    parent = post(client, bob, "bob's")
    own = post(client, alice, "mine")["id"]
    reply = post(client, alice, "answer", in_reply_to_id=parent["id"])["id"]
    every = client.get(f"{API}/profiles/alice/tweets").json()["items"]
    assert [e["tweet"]["id"] for e in every] == [reply, own]
    without = client.get(f"{API}/profiles/alice/tweets?include_replies=false").json()["items"]
    assert [e["tweet"]["id"] for e in without] == [own]


def test_home_shows_a_followed_reply_only_when_the_answered_author_is_followed_too(
    client, alice, bob
):
    carol = sign_up(client, "carol")
    client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    to_carol = post(client, bob, "to carol", in_reply_to_id=post(client, carol, "c")["id"])
    post(client, bob, "to alice", in_reply_to_id=post(client, alice, "a")["id"])
    own_reply = post(client, alice, "mine to carol", in_reply_to_id=to_carol["id"])

    def home() -> list[str]:
        items = client.get(f"{API}/timeline", headers=alice.auth).json()["items"]
        return [e["tweet"]["text"] for e in items]

    assert home() == ["mine to carol", "to alice", "a"]
    client.put(f"{API}/profiles/carol/follow", headers=alice.auth)
    assert home() == ["mine to carol", "to alice", "a", "to carol", "c"]
    assert own_reply["in_reply_to"]["username"] == "bob"
