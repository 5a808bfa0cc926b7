"""PUT/DELETE /profiles/{username}/follow and the followers/following lists."""

from __future__ import annotations

from tests.integration.http.conftest import assert_problem, sign_up

API = "/api/v1"


def test_following_answers_the_profile_with_counts_and_followed_by_me(client, alice, bob):
    followed = client.put(f"{API}/profiles/BOB/follow", headers=alice.auth)
    assert followed.status_code == 200, followed.text
    body = followed.json()
    assert body["username"] == "bob"
    assert body["followed_by_me"] is True
    assert body["followers_count"] == 1
    assert "email" not in body
    me = client.get(f"{API}/me", headers=alice.auth).json()
    assert me["following_count"] == 1


def test_following_twice_changes_nothing(client, alice, bob):
    client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    again = client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    assert again.status_code == 200
    assert again.json()["followers_count"] == 1
    count = client.get(f"{API}/notifications/unread_count", headers=bob.auth).json()
    assert count == {"count": 1}


def test_unfollowing_is_idempotent_and_clears_followed_by_me(client, alice, bob):
    client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    for _ in range(2):
        gone = client.delete(f"{API}/profiles/bob/follow", headers=alice.auth)
        assert gone.status_code == 200, gone.text
        assert gone.json()["followed_by_me"] is False
        assert gone.json()["followers_count"] == 0
    assert client.get(f"{API}/me", headers=alice.auth).json()["following_count"] == 0


def test_the_profile_shows_followed_by_me_only_to_a_follower(client, alice, bob):
    client.put(f"{API}/profiles/bob/follow", headers=alice.auth)
    as_alice = client.get(f"{API}/profiles/bob", headers=alice.auth).json()
    as_bob = client.get(f"{API}/profiles/alice", headers=bob.auth).json()
    anonymous = client.get(f"{API}/profiles/bob").json()
    assert as_alice["followed_by_me"] is True
    assert as_bob["followed_by_me"] is False
    assert anonymous["followed_by_me"] is False


def test_following_yourself_is_422_naming_the_username(client, alice):
    body = assert_problem(client.put(f"{API}/profiles/Alice/follow", headers=alice.auth), 422)
    assert [e["field"] for e in body["errors"]] == ["username"]


def test_following_needs_a_token(client, bob):
    assert_problem(client.put(f"{API}/profiles/bob/follow"), 401)
    assert_problem(client.delete(f"{API}/profiles/bob/follow"), 401)
    bad = {"Authorization": "Bearer nope"}
    assert_problem(client.put(f"{API}/profiles/bob/follow", headers=bad), 401)


def test_following_an_unknown_profile_is_404(client, alice):
    assert_problem(client.put(f"{API}/profiles/nobody/follow", headers=alice.auth), 404)
    assert_problem(client.delete(f"{API}/profiles/nobody/follow", headers=alice.auth), 404)


def test_followers_and_following_are_summaries_newest_first(client, alice, bob):
    carol = sign_up(client, "carol")
    client.put(f"{API}/profiles/alice/follow", headers=bob.auth)
    client.put(f"{API}/profiles/alice/follow", headers=carol.auth)
    client.put(f"{API}/profiles/carol/follow", headers=alice.auth)
    followers = client.get(f"{API}/profiles/alice/followers")
    assert followers.status_code == 200
    assert followers.json() == {
        "items": [
            {"username": "carol", "display_name": "carol", "picture_url": None},
            {"username": "bob", "display_name": "bob", "picture_url": None},
        ],
        "next_cursor": None,
    }
    following = client.get(f"{API}/profiles/ALICE/following").json()
    assert [p["username"] for p in following["items"]] == ["carol"]


def test_follow_lists_walk_page_by_page(client, alice):
    names = [f"fan{n}" for n in range(5)]
    for name in names:
        fan = sign_up(client, name)
        client.put(f"{API}/profiles/alice/follow", headers=fan.auth)
    seen: list[str] = []
    url = f"{API}/profiles/alice/followers?limit=2"
    pages = 0
    while url:
        page = client.get(url).json()
        pages += 1
        seen += [p["username"] for p in page["items"]]
        cursor = page["next_cursor"]
        url = f"{API}/profiles/alice/followers?limit=2&cursor={cursor}" if cursor else ""
    assert seen == list(reversed(names))
    assert pages == 3


def test_follow_lists_refuse_a_bad_limit_or_cursor_and_unknown_profiles(client, alice):
    for suffix in ("limit=0", "limit=101", "limit=abc", "cursor=@@@"):
        for which in ("followers", "following"):
            assert_problem(client.get(f"{API}/profiles/alice/{which}?{suffix}"), 422)
    assert_problem(client.get(f"{API}/profiles/nobody/followers"), 404)
    assert_problem(client.get(f"{API}/profiles/nobody/following"), 404)
