"""GET /notifications, GET /notifications/unread_count and POST /notifications/read."""

from __future__ import annotations

from tests.integration.http.conftest import assert_problem, sign_up

API = "/api/v1"
NOTIFICATION_FIELDS = {"id", "kind", "actor", "tweet", "message", "created_at", "read"}


def inbox(client, user, query: str = "") -> dict:
    answer = client.get(f"{API}/notifications{query}", headers=user.auth)
    assert answer.status_code == 200, answer.text
    return answer.json()


def unread(client, user) -> int:
    answer = client.get(f"{API}/notifications/unread_count", headers=user.auth)
    assert answer.status_code == 200, answer.text
    return answer.json()["count"]


def test_a_follow_notifies_the_followed_profile(client, alice, bob):
    client.put(f"{API}/profiles/alice/follow", headers=bob.auth)
    page = inbox(client, alice)
    assert page["next_cursor"] is None
    [item] = page["items"]
    assert set(item) == NOTIFICATION_FIELDS
    assert item["kind"] == "follow"
    assert item["actor"] == {"username": "bob", "display_name": "bob", "picture_url": None}
    assert item["tweet"] is None
    assert item["message"] == "bob followed you"
    assert item["read"] is False
    assert item["created_at"].endswith("Z")
    assert inbox(client, bob)["items"] == []


def test_a_like_and_a_retweet_notify_with_the_tweet(client, alice, bob):
    created = client.post(f"{API}/tweets", json={"text": "hi"}, headers=alice.auth)
    assert created.status_code == 201, created.text
    tweet_id = created.json()["id"]
    assert client.put(f"{API}/tweets/{tweet_id}/like", headers=bob.auth).status_code == 200
    assert client.put(f"{API}/tweets/{tweet_id}/retweet", headers=bob.auth).status_code == 200
    items = inbox(client, alice)["items"]
    assert [(i["kind"], i["message"]) for i in items] == [
        ("retweet", "bob retweeted your tweet"),
        ("like", "bob liked your tweet"),
    ]
    for item in items:
        assert item["tweet"]["id"] == tweet_id
        assert item["tweet"]["text"] == "hi"
        assert item["tweet"]["author"]["username"] == "alice"
        assert (item["tweet"]["like_count"], item["tweet"]["retweet_count"]) == (1, 1)
        assert item["tweet"]["liked_by_me"] is False
    client.delete(f"{API}/tweets/{tweet_id}/like", headers=bob.auth)
    assert [i["kind"] for i in inbox(client, alice)["items"]] == ["retweet"]
    assert client.delete(f"{API}/tweets/{tweet_id}", headers=alice.auth).status_code == 204
    assert inbox(client, alice)["items"] == []
    assert unread(client, alice) == 0


def test_unread_count_and_mark_all_read(client, alice, bob):
    carol = sign_up(client, "carol")
    client.put(f"{API}/profiles/alice/follow", headers=bob.auth)
    client.put(f"{API}/profiles/alice/follow", headers=carol.auth)
    assert unread(client, alice) == 2
    for body in ({"json": {}}, {}):
        answer = client.post(f"{API}/notifications/read", headers=alice.auth, **body)
        assert answer.status_code == 204, answer.text
        assert answer.content == b""
    assert unread(client, alice) == 0
    assert inbox(client, alice, "?unread=true")["items"] == []
    assert [i["read"] for i in inbox(client, alice)["items"]] == [True, True]


def test_mark_read_up_to_an_id_reads_it_and_every_older_one(client, alice):
    for n in range(3):
        fan = sign_up(client, f"fan{n}")
        client.put(f"{API}/profiles/alice/follow", headers=fan.auth)
    newest, middle, _oldest = inbox(client, alice)["items"]
    answer = client.post(
        f"{API}/notifications/read", json={"up_to": middle["id"]}, headers=alice.auth
    )
    assert answer.status_code == 204, answer.text
    assert unread(client, alice) == 1
    assert [i["id"] for i in inbox(client, alice, "?unread=true")["items"]] == [newest["id"]]
    assert [i["read"] for i in inbox(client, alice, "?unread=false")["items"]] == [
        False,
        True,
        True,
    ]


def test_mark_read_up_to_someone_elses_or_an_unknown_id_is_404(client, alice, bob):
    client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    bobs = inbox(client, bob)["items"][0]["id"]
    for up_to in (bobs, "nonexistent"):
        answer = client.post(f"{API}/notifications/read", json={"up_to": up_to}, headers=alice.auth)
        assert_problem(answer, 404)
    assert unread(client, bob) == 1


def test_mark_read_refuses_unknown_fields_and_malformed_json(client, alice):
    url = f"{API}/notifications/read"
    body = assert_problem(client.post(url, json={"upto": "x"}, headers=alice.auth), 422)
    assert [e["field"] for e in body["errors"]] == ["upto"]
    assert_problem(client.post(url, json={"up_to": 5}, headers=alice.auth), 422)
    malformed = {**alice.auth, "Content-Type": "application/json"}
    assert_problem(client.post(url, content=b"{nope", headers=malformed), 400)


def test_notification_pages_walk_newest_first(client, alice):
    names = [f"fan{n}" for n in range(5)]
    for name in names:
        client.put(f"{API}/profiles/alice/follow", headers=sign_up(client, name).auth)
    seen: list[str] = []
    query = "?limit=2"
    while True:
        page = inbox(client, alice, query)
        seen += [i["actor"]["username"] for i in page["items"]]
        if page["next_cursor"] is None:
            break
        query = f"?limit=2&cursor={page['next_cursor']}"
    assert seen == list(reversed(names))


def test_notification_lists_refuse_bad_paging_and_bad_flags(client, alice):
    for query in ("?limit=0", "?limit=101", "?limit=x", "?cursor=%25%25", "?unread=maybe"):
        assert_problem(client.get(f"{API}/notifications{query}", headers=alice.auth), 422)


def test_every_notification_endpoint_needs_a_token(client):
    assert_problem(client.get(f"{API}/notifications"), 401)
    assert_problem(client.get(f"{API}/notifications/unread_count"), 401)
    assert_problem(client.post(f"{API}/notifications/read", json={}), 401)
    revoked = {"Authorization": "Bearer not-a-token"}
    assert_problem(client.get(f"{API}/notifications", headers=revoked), 401)
