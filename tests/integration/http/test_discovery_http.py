"""Hashtags, trending, search, the public timeline and suggestions over HTTP."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from tests.integration.http.conftest import assert_problem, settings_for_tests, sign_up

API = "/api/v1"


@pytest.fixture(params=["memory", "sqlite"])
def app_settings(request: pytest.FixtureRequest):
    if request.param == "memory":
        return settings_for_tests()
    return settings_for_tests(request.getfixturevalue("sqlite_url"))


def post(client, user, text="hello", **fields) -> str:
    response = client.post(f"{API}/tweets", json={"text": text, **fields}, headers=user.auth)
    assert response.status_code == 201, response.text
    return response.json()["id"]


def texts(response) -> list[str]:
    assert response.status_code == 200, response.text
    return [t["text"] for t in response.json()["items"]]


def test_a_hashtag_page_matches_any_case_newest_first(client, alice, bob):
    post(client, alice, "learning #Python")
    post(client, bob, "no tag python")
    post(client, bob, "#PYTHON again #rust")
    assert texts(client.get(f"{API}/hashtags/python/tweets")) == [
        "#PYTHON again #rust",
        "learning #Python",
    ]
    assert texts(client.get(f"{API}/hashtags/PyThOn/tweets?limit=1")) == ["#PYTHON again #rust"]
    assert texts(client.get(f"{API}/hashtags/{quote('straße')}/tweets")) == []


@pytest.mark.parametrize("tag", ["123", "a-b", "x" * 51, quote("#x"), quote("a b")])
def test_a_tag_that_breaks_the_rule_is_422(client, tag):
    body = assert_problem(client.get(f"{API}/hashtags/{tag}/tweets"), 422)
    assert body["errors"][0]["field"] == "tag"


def test_trending_counts_tweets_per_tag_most_first_ties_by_tag(client, alice, bob):
    post(client, alice, "#b #a")
    post(client, bob, "#B again, #b once per tweet #b")
    post(client, bob, "#c")
    trending = client.get(f"{API}/hashtags/trending").json()
    assert trending == {
        "items": [{"tag": "b", "tweets": 2}, {"tag": "a", "tweets": 1}, {"tag": "c", "tweets": 1}]
    }
    for n in range(12):
        post(client, alice, f"#tag{n:02}")
    assert len(client.get(f"{API}/hashtags/trending").json()["items"]) == 10


def test_search_finds_every_word_as_a_word_or_word_start_any_case(client, alice, bob):
    post(client, alice, "I love Python programming")
    post(client, bob, "pythonic code is nice")
    post(client, bob, "a typhoon of python")
    post(client, alice, "jython is not it")
    assert texts(client.get(f"{API}/search/tweets?q=PYTH")) == [
        "a typhoon of python",
        "pythonic code is nice",
        "I love Python programming",
    ]
    assert texts(client.get(f"{API}/search/tweets?q=pyth%20prog")) == ["I love Python programming"]
    assert texts(client.get(f"{API}/search/tweets?q=ython")) == []


def test_search_terms_require_the_hashtag_or_the_mention(client, alice, bob):
    post(client, alice, "release #Chirp today")
    post(client, alice, "chirp without the tag")
    post(client, bob, "thanks @alice for chirp")
    post(client, bob, "@nobody chirp")
    assert texts(client.get(f"{API}/search/tweets?q={quote('#chirp')}")) == ["release #Chirp today"]
    assert texts(client.get(f"{API}/search/tweets?q={quote('@ALICE chirp')}")) == [
        "thanks @alice for chirp"
    ]
    assert texts(client.get(f"{API}/search/tweets?q={quote('@nobody')}")) == []


@pytest.mark.parametrize("q", ["", "!!! ???", "   ", "x" * 201])
def test_a_search_without_words_or_terms_or_too_long_is_422_on_q(client, q):
    body = assert_problem(client.get(f"{API}/search/tweets?q={quote(q)}"), 422)
    assert [e["field"] for e in body["errors"]] == ["q"]
    assert_problem(client.get(f"{API}/search/tweets"), 422)


def test_profile_search_matches_username_or_display_name_word_starts(client, alice):
    sign_up(client, "alfred")
    zed = sign_up(client, "zed")
    client.patch(f"{API}/me", json={"display_name": "Zed Alvarez"}, headers=zed.auth)
    sign_up(client, "malice")
    found = client.get(f"{API}/search/profiles?q=AL").json()
    assert [p["username"] for p in found["items"]] == ["alfred", "alice", "zed"]
    first = client.get(f"{API}/search/profiles?q=al&limit=2").json()
    assert [p["username"] for p in first["items"]] == ["alfred", "alice"]
    rest = client.get(f"{API}/search/profiles?q=al&limit=2&cursor={first['next_cursor']}").json()
    assert [p["username"] for p in rest["items"]] == ["zed"] and rest["next_cursor"] is None
    for q in ("", "x" * 31, "%20"):
        assert [
            e["field"]
            for e in assert_problem(client.get(f"{API}/search/profiles?q={q}"), 422)["errors"]
        ] == ["q"]


def test_the_public_timeline_shows_everyone_without_replies(client, alice, bob):
    root = post(client, alice, "root")
    post(client, bob, "a reply", in_reply_to_id=root)
    post(client, bob, "bob's own")
    assert texts(client.get(f"{API}/timeline/public")) == ["bob's own", "root"]
    assert texts(client.get(f"{API}/timeline/public?limit=1")) == ["bob's own"]
    assert_problem(client.get(f"{API}/timeline/public?limit=0"), 422)


def test_suggestions_rank_by_follows_from_those_you_follow(client, alice, bob):
    carol, dave, _erin = (sign_up(client, name) for name in ("carol", "dave", "erin"))

    def follow(user, name):
        assert client.put(f"{API}/profiles/{name}/follow", headers=user.auth).status_code == 200

    def suggested(user) -> list[str]:
        response = client.get(f"{API}/me/suggestions", headers=user.auth)
        assert response.status_code == 200, response.text
        return [p["username"] for p in response.json()["items"]]

    follow(bob, "erin")
    follow(carol, "erin")
    follow(dave, "erin")
    follow(bob, "dave")
    # Nobody followed yet: the most followed first, then by username.
    assert suggested(alice) == ["erin", "dave", "bob", "carol"]
    follow(alice, "bob")
    follow(alice, "carol")
    # dave is followed by bob (one of alice's); erin by bob and carol.
    assert suggested(alice) == ["erin", "dave"]
    assert_problem(client.get(f"{API}/me/suggestions"), 401)


@pytest.mark.parametrize(
    "path",
    [
        "hashtags/chirp/tweets",
        "search/tweets?q=chirp",
        "timeline/public",
        "search/profiles?q=user",
    ],
)
def test_discovery_lists_page_by_cursor_without_repeats_and_refuse_bad_cursors(client, alice, path):
    for n in range(5):
        sign_up(client, f"user{n}")
        post(client, alice, f"#chirp number {n}")
    separator = "&" if "?" in path else "?"
    seen, cursor = [], None
    while True:
        query = "limit=2" + (f"&cursor={cursor}" if cursor else "")
        page = client.get(f"{API}/{path}{separator}{query}").json()
        seen += [item.get("id") or item.get("username") for item in page["items"]]
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == 5
    refused = assert_problem(client.get(f"{API}/{path}{separator}cursor=%21bad"), 422)
    assert [e["field"] for e in refused["errors"]] == ["cursor"]
