"""Accounts and statuses through the Mastodon API: entities, acts and their errors."""

from __future__ import annotations

from tests.integration.mastodon.conftest import Api, Person, error_of
from tests.support.images import png


def test_verify_credentials_is_the_account_with_its_source(api: Api, alice: Person) -> None:
    me = api.client.get("/api/v1/accounts/verify_credentials", headers=alice.auth).json()
    assert me["id"] == alice.id and me["acct"] == "alice" and me["source"]["note"] == ""
    assert me["avatar"].endswith("/avatars/original/missing.png")
    assert api.client.get("/avatars/original/missing.png").content[:4] == b"\x89PNG"
    assert me["emojis"] == [] and me["fields"] == [] and me["statuses_count"] == 0


def test_update_credentials_changes_name_note_and_avatar(api: Api, alice: Person) -> None:
    answer = api.client.patch(
        "/api/v1/accounts/update_credentials",
        data={"display_name": "Alice A.", "note": "<b>hi</b>"},
        files={"avatar": ("a.png", png(), "image/png")},
        headers=alice.auth,
    )
    me = answer.json()
    assert answer.status_code == 200 and me["display_name"] == "Alice A."
    assert me["note"] == "<p>&lt;b&gt;hi&lt;/b&gt;</p>" and me["source"]["note"] == "<b>hi</b>"
    assert "/media/" in me["avatar"]
    assert api.client.get(me["avatar"].split("testserver.local")[-1]).status_code == 200


def test_accounts_by_id_lookup_and_search(api: Api, alice: Person) -> None:
    assert api.client.get(f"/api/v1/accounts/{alice.id}").json()["username"] == "alice"
    error_of(api.client.get("/api/v1/accounts/01ZZZZZZZZZZZZZZZZZZZZZZZZ"), 404)
    looked = api.client.get("/api/v1/accounts/lookup", params={"acct": "@alice@testserver"})
    assert looked.json()["id"] == alice.id
    error_of(api.client.get("/api/v1/accounts/lookup", params={"acct": "nobody"}), 404)
    found = api.client.get("/api/v1/accounts/search", params={"q": "ali"}, headers=alice.auth)
    assert [a["id"] for a in found.json()] == [alice.id]


def test_follow_relationships_and_lists(api: Api, alice: Person, bob: Person) -> None:
    followed = api.client.post(f"/api/v1/accounts/{alice.id}/follow", headers=bob.auth)
    assert followed.json()["following"] is True and followed.json()["followed_by"] is False
    both = api.client.get(
        "/api/v1/accounts/relationships", params={"id[]": [alice.id, bob.id]}, headers=alice.auth
    ).json()
    assert [(r["id"], r["following"], r["followed_by"]) for r in both] == [
        (alice.id, False, False),
        (bob.id, False, True),
    ]
    followers = api.client.get(f"/api/v1/accounts/{alice.id}/followers").json()
    following = api.client.get(f"/api/v1/accounts/{bob.id}/following").json()
    assert [a["id"] for a in followers] == [bob.id] and [a["id"] for a in following] == [alice.id]
    error_of(api.client.post(f"/api/v1/accounts/{bob.id}/follow", headers=bob.auth), 403)
    gone = api.client.post(f"/api/v1/accounts/{alice.id}/unfollow", headers=bob.auth)
    assert gone.json()["following"] is False
    assert api.client.get(f"/api/v1/accounts/{alice.id}/followers").json() == []


def test_followers_page_through_link_headers(api: Api, alice: Person) -> None:
    for n in range(3):
        fan = api.person(f"fan{n}")
        api.client.post(f"/api/v1/accounts/{alice.id}/follow", headers=fan.auth)
    first = api.client.get(f"/api/v1/accounts/{alice.id}/followers", params={"limit": 2})
    assert len(first.json()) == 2 and 'rel="next"' in first.headers["link"]
    url = first.headers["link"].split(">")[0].lstrip("<").split("testserver.local")[-1]
    second = api.client.get(url)
    names = [a["username"] for a in first.json() + second.json()]
    assert sorted(names) == ["fan0", "fan1", "fan2"] and "link" not in second.headers


def test_a_status_is_html_with_links_and_everything_escaped(api: Api, alice: Person) -> None:
    api.sign_up("bob")
    status = api.post(alice, "hi @bob <script>x</script> #Chirp & more\nline two")
    assert status["content"] == (
        '<p>hi <span class="h-card"><a href="http://testserver.local/@bob" class="u-url '
        'mention">@<span>bob</span></a></span> &lt;script&gt;x&lt;/script&gt; '
        '<a href="http://testserver.local/tags/chirp" class="mention hashtag" rel="tag">'
        "#<span>Chirp</span></a> &amp; more<br>line two</p>"
    )
    assert [m["username"] for m in status["mentions"]] == ["bob"]
    assert [t["name"] for t in status["tags"]] == ["chirp"]
    assert status["visibility"] == "public" and isinstance(status["id"], str)
    assert status["favourited"] is False and status["reblog"] is None


def test_posting_refuses_what_chirp_cannot_hold(api: Api, alice: Person) -> None:
    long = api.client.post("/api/v1/statuses", json={"status": "x" * 281}, headers=alice.auth)
    assert "280" in error_of(long, 422)
    private = api.client.post(
        "/api/v1/statuses", json={"status": "hi", "visibility": "private"}, headers=alice.auth
    )
    assert "public" in error_of(private, 422)
    error_of(api.client.post("/api/v1/statuses", json={"status": ""}, headers=alice.auth), 422)
    error_of(api.client.post("/api/v1/statuses", json={"status": "hi"}), 401)


def test_the_same_idempotency_key_posts_once(api: Api, alice: Person) -> None:
    headers = {**alice.auth, "Idempotency-Key": "k-1"}
    first = api.client.post("/api/v1/statuses", data={"status": "once"}, headers=headers)
    again = api.client.post("/api/v1/statuses", data={"status": "once"}, headers=headers)
    other = api.client.post("/api/v1/statuses", data={"status": "once"}, headers=alice.auth)
    assert first.json()["id"] == again.json()["id"] != other.json()["id"]


def test_get_and_delete_a_status(api: Api, alice: Person, bob: Person) -> None:
    status = api.post(alice, "to delete")
    assert api.client.get(f"/api/v1/statuses/{status['id']}").json()["id"] == status["id"]
    error_of(api.client.delete(f"/api/v1/statuses/{status['id']}", headers=bob.auth), 403)
    deleted = api.client.delete(f"/api/v1/statuses/{status['id']}", headers=alice.auth)
    assert deleted.status_code == 200 and deleted.json()["text"] == "to delete"
    error_of(api.client.get(f"/api/v1/statuses/{status['id']}"), 404)
    error_of(api.client.get("/api/v1/statuses/01ZZZZZZZZZZZZZZZZZZZZZZZZ"), 404)


def test_favourite_and_reblog_and_their_undo(api: Api, alice: Person, bob: Person) -> None:
    status = api.post(alice, "likeable")
    sid = status["id"]
    liked = api.client.post(f"/api/v1/statuses/{sid}/favourite", headers=bob.auth).json()
    assert liked["favourited"] is True and liked["favourites_count"] == 1
    reblog = api.client.post(f"/api/v1/statuses/{sid}/reblog", headers=bob.auth).json()
    assert reblog["reblog"]["id"] == sid and reblog["account"]["id"] == bob.id
    assert reblog["id"] != sid and reblog["reblog"]["reblogged"] is True
    likers = api.client.get(f"/api/v1/statuses/{sid}/favourited_by").json()
    rebloggers = api.client.get(f"/api/v1/statuses/{sid}/reblogged_by").json()
    assert [a["id"] for a in likers] == [a["id"] for a in rebloggers] == [bob.id]
    favourites = api.client.get("/api/v1/favourites", headers=bob.auth).json()
    assert [s["id"] for s in favourites] == [sid]
    undone = api.client.post(f"/api/v1/statuses/{sid}/unfavourite", headers=bob.auth).json()
    assert undone["favourited"] is False and undone["favourites_count"] == 0
    unreblogged = api.client.post(f"/api/v1/statuses/{sid}/unreblog", headers=bob.auth).json()
    assert unreblogged["reblogged"] is False and unreblogged["reblogs_count"] == 0
    error_of(api.client.post("/api/v1/statuses/01ZZZZZZZZZZZZZZZZZZZZZZZZ/favourite",
                             headers=bob.auth), 404)  # fmt: skip


def test_a_reply_has_its_context(api: Api, alice: Person, bob: Person) -> None:
    root = api.post(alice, "root")
    reply = api.post(bob, "@alice a reply", in_reply_to_id=root["id"])
    deeper = api.post(alice, "@bob deeper", in_reply_to_id=reply["id"])
    assert reply["in_reply_to_id"] == root["id"] and reply["in_reply_to_account_id"] == alice.id
    context = api.client.get(f"/api/v1/statuses/{root['id']}/context").json()
    assert [s["id"] for s in context["descendants"]] == [reply["id"], deeper["id"]]
    middle = api.client.get(f"/api/v1/statuses/{reply['id']}/context").json()
    assert [s["id"] for s in middle["ancestors"]] == [root["id"]]
    root_now = api.client.get(f"/api/v1/statuses/{root['id']}").json()
    assert root_now["replies_count"] == 1


def test_account_statuses_filter_replies_reblogs_and_media(
    api: Api, alice: Person, bob: Person
) -> None:
    mine = api.post(alice, "mine")
    other = api.post(bob, "bob's")
    api.client.post(f"/api/v1/statuses/{other['id']}/reblog", headers=alice.auth)
    reply = api.post(alice, "@bob reply", in_reply_to_id=other["id"])
    media = api.client.post("/api/v2/media", files={"file": ("p.png", png(), "image/png")},
                            headers=alice.auth).json()  # fmt: skip
    pictured = api.post(alice, "", media_ids=[media["id"]])
    path = f"/api/v1/accounts/{alice.id}/statuses"

    def ids(**params: str) -> list[str]:
        return [s["id"] for s in api.client.get(path, params=params).json()]

    every = ids()
    assert every[0] == pictured["id"] and every[1] == reply["id"] and every[-1] == mine["id"]
    assert len(every) == 4  # the reblog is one entry of its own
    assert ids(exclude_reblogs="true") == [pictured["id"], reply["id"], mine["id"]]
    assert reply["id"] not in ids(exclude_replies="true")
    assert ids(only_media="true") == [pictured["id"]]
    assert ids(pinned="true") == []
