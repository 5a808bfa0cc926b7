"""Timelines, notifications and markers through the Mastodon API, paged by Link headers."""

from __future__ import annotations

from typing import Any

from tests.integration.mastodon.conftest import Api, Person, error_of


def _link(response: Any, rel: str) -> str | None:
    for part in response.headers.get("link", "").split(", "):
        if part.endswith(f'rel="{rel}"'):
            return part.split(">")[0].lstrip("<").split("testserver.local")[-1]
    return None


def test_home_pages_through_next_links_without_skip_or_repeat(
    api: Api, alice: Person, bob: Person
) -> None:
    api.client.post(f"/api/v1/accounts/{alice.id}/follow", headers=bob.auth)
    posted = [api.post(alice, f"n{n}")["id"] for n in range(5)]
    reblog = api.client.post(f"/api/v1/statuses/{posted[0]}/reblog", headers=bob.auth).json()
    seen: list[str] = []
    url: str | None = "/api/v1/timelines/home?limit=2"
    while url:
        page = api.client.get(url, headers=bob.auth)
        seen += [s["id"] for s in page.json()]
        url = _link(page, "next")
    assert seen == [reblog["id"], *reversed(posted)]


def test_since_id_and_min_id_give_only_newer_statuses(api: Api, alice: Person) -> None:
    posted = [api.post(alice, f"n{n}")["id"] for n in range(4)]
    newer = api.client.get(
        "/api/v1/timelines/home", params={"since_id": posted[1]}, headers=alice.auth
    )
    assert [s["id"] for s in newer.json()] == [posted[3], posted[2]]
    prev = _link(newer, "prev")
    assert prev is not None and f"min_id={posted[3]}" in prev
    assert api.client.get(prev, headers=alice.auth).json() == []
    older = api.client.get(
        "/api/v1/timelines/home", params={"max_id": posted[2]}, headers=alice.auth
    )
    assert [s["id"] for s in older.json()] == [posted[1], posted[0]]
    error_of(api.client.get("/api/v1/timelines/home", params={"max_id": "no!"},
                            headers=alice.auth), 422)  # fmt: skip


def test_public_and_tag_timelines(api: Api, alice: Person, bob: Person) -> None:
    first = api.post(alice, "about #Birds")
    second = api.post(bob, "more #birds")
    api.post(bob, "nothing tagged")
    public = api.client.get("/api/v1/timelines/public", params={"local": "true", "limit": 2})
    assert len(public.json()) == 2 and _link(public, "next")
    assert api.client.get("/api/v1/timelines/public", params={"remote": "true"}).json() == []
    tagged = api.client.get("/api/v1/timelines/tag/birds").json()
    assert [s["id"] for s in tagged] == [second["id"], first["id"]]
    older = api.client.get("/api/v1/timelines/tag/birds", params={"max_id": second["id"]}).json()
    assert [s["id"] for s in older] == [first["id"]]


def test_search_v2_finds_accounts_statuses_and_hashtags(api: Api, alice: Person) -> None:
    status = api.post(alice, "a walk in the park #outside")
    found = api.client.get("/api/v2/search", params={"q": "park"}, headers=alice.auth).json()
    assert [s["id"] for s in found["statuses"]] == [status["id"]]
    people = api.client.get("/api/v2/search", params={"q": "@alice", "type": "accounts"}).json()
    assert [a["id"] for a in people["accounts"]] == [alice.id] and people["statuses"] == []
    tags = api.client.get("/api/v2/search", params={"q": "#outside", "type": "hashtags"}).json()
    assert [t["name"] for t in tags["hashtags"]] == ["outside"]


def _act_on(api: Api, alice: Person, bob: Person) -> dict[str, Any]:
    status = api.post(alice, "notable")
    api.client.post(f"/api/v1/accounts/{alice.id}/follow", headers=bob.auth)
    api.client.post(f"/api/v1/statuses/{status['id']}/favourite", headers=bob.auth)
    api.client.post(f"/api/v1/statuses/{status['id']}/reblog", headers=bob.auth)
    api.post(bob, "@alice answer", in_reply_to_id=status["id"])
    return status


def test_notifications_list_filter_and_count(api: Api, alice: Person, bob: Person) -> None:
    status = _act_on(api, alice, bob)
    listed = api.client.get("/api/v1/notifications", headers=alice.auth).json()
    assert [n["type"] for n in listed] == ["mention", "reblog", "favourite", "follow"]
    assert all(n["account"]["id"] == bob.id for n in listed)
    assert listed[2]["status"]["id"] == status["id"] and listed[3]["status"] is None
    only = api.client.get("/api/v1/notifications", params={"types[]": ["follow", "mention"]},
                          headers=alice.auth).json()  # fmt: skip
    assert [n["type"] for n in only] == ["mention", "follow"]
    without = api.client.get("/api/v1/notifications", params={"exclude_types[]": "mention"},
                             headers=alice.auth).json()  # fmt: skip
    assert [n["type"] for n in without] == ["reblog", "favourite", "follow"]
    count = api.client.get("/api/v1/notifications/unread_count", headers=alice.auth).json()
    assert count == {"count": 4}
    one = api.client.get(f"/api/v1/notifications/{listed[1]['id']}", headers=alice.auth)
    assert one.json()["type"] == "reblog"
    error_of(api.client.get(f"/api/v1/notifications/{listed[1]['id']}", headers=bob.auth), 404)
    paged = api.client.get("/api/v1/notifications", params={"limit": 3}, headers=alice.auth)
    rest = api.client.get(_link(paged, "next") or "", headers=alice.auth).json()
    assert [n["id"] for n in paged.json() + rest] == [n["id"] for n in listed]


def test_dismiss_and_clear_notifications(api: Api, alice: Person, bob: Person) -> None:
    _act_on(api, alice, bob)
    listed = api.client.get("/api/v1/notifications", headers=alice.auth).json()
    dismissed = api.client.post(f"/api/v1/notifications/{listed[0]['id']}/dismiss",
                                headers=alice.auth)  # fmt: skip
    assert dismissed.status_code == 200 and dismissed.json() == {}
    error_of(api.client.post(f"/api/v1/notifications/{listed[1]['id']}/dismiss",
                             headers=bob.auth), 404)  # fmt: skip
    left = api.client.get("/api/v1/notifications", headers=alice.auth).json()
    assert [n["id"] for n in left] == [n["id"] for n in listed[1:]]
    assert api.client.post("/api/v1/notifications/clear", headers=alice.auth).status_code == 200
    assert api.client.get("/api/v1/notifications", headers=alice.auth).json() == []


def test_markers_keep_the_read_position_and_move_the_unread_count(
    api: Api, alice: Person, bob: Person
) -> None:
    status = _act_on(api, alice, bob)
    listed = api.client.get("/api/v1/notifications", headers=alice.auth).json()
    assert api.client.get("/api/v1/markers", headers=alice.auth).json() == {}
    saved = api.client.post(
        "/api/v1/markers",
        json={"home": {"last_read_id": status["id"]},
              "notifications": {"last_read_id": listed[1]["id"]}},
        headers=alice.auth,
    ).json()  # fmt: skip
    assert saved["home"]["last_read_id"] == status["id"] and saved["home"]["version"] == 1
    again = api.client.post("/api/v1/markers", data={"home[last_read_id]": listed[0]["id"]},
                            headers=alice.auth).json()  # fmt: skip
    assert again["home"]["version"] == 2
    read = api.client.get("/api/v1/markers", params={"timeline[]": "notifications"},
                          headers=alice.auth).json()  # fmt: skip
    assert (
        list(read) == ["notifications"] and read["notifications"]["last_read_id"] == listed[1]["id"]
    )
    count = api.client.get("/api/v1/notifications/unread_count", headers=alice.auth).json()
    assert count == {"count": 1}, "the newest stays unread"
    error_of(api.client.get("/api/v1/markers", params={"timeline[]": "lists"},
                            headers=alice.auth), 422)  # fmt: skip
