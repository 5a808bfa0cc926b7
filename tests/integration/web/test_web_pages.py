"""What people do on the pages, through HTTP: forms, errors shown as alerts, images,
acts and their in-place fragments, notifications, profiles and paging."""

from __future__ import annotations

import re

from tests.integration.web.conftest import Browser
from tests.support.images import png


def articles(html: str) -> list[str]:
    return re.findall(r"<article.*?</article>", html, re.S)


def tweet_ids(html: str) -> list[str]:
    return re.findall(r'<article class="tweet[^"]*" id="tweet-([^"]+)"', html)


def test_sign_up_errors_are_alerts_and_keep_what_was_typed(browser: Browser) -> None:
    browser.sign_up("alice")
    browser.log_out()
    answer = browser.submit(
        "/signup", {"username": "ALICE", "email": "new@example.com", "password": "long enough"}
    )
    assert answer.status_code == 409
    assert 'role="alert"' in answer.text and "taken" in answer.text
    assert 'value="new@example.com"' in answer.text
    short = browser.submit(
        "/signup", {"username": "bob", "email": "b@example.com", "password": "x"}
    )
    assert short.status_code == 422 and 'role="alert"' in short.text


def test_wrong_password_is_one_alert_whoever_asks(browser: Browser) -> None:
    browser.sign_up("alice")
    browser.log_out()
    wrong = browser.submit("/login", {"username": "alice", "password": "not it at all"})
    unknown = browser.submit("/login", {"username": "nobody", "password": "not it at all"})
    assert wrong.status_code == unknown.status_code == 401
    assert 'role="alert"' in wrong.text
    message = re.compile(r'role="alert">\s*<p>(.*?)</p>', re.S)
    assert message.search(wrong.text).group(1) == message.search(unknown.text).group(1)  # type: ignore[union-attr]
    assert browser.get("/", follow_redirects=False).status_code == 303


def test_log_in_by_email_opens_the_home_timeline(browser: Browser) -> None:
    browser.sign_up("alice")
    browser.log_out()
    answer = browser.submit(
        "/login", {"username": "ALICE@example.com", "password": "correct horse battery"}
    )
    assert answer.headers["location"] == "/"
    home = browser.get("/")
    assert "What&#39;s happening?" in home.text and ">Log out</button>" in home.text


def test_posting_with_images_shows_them_with_alt_text(alice: Browser) -> None:
    answer = alice.submit(
        "/tweets",
        {"text": "two pictures", "next": "/"},
        files=[
            ("images", ("a.png", png(40, 30), "image/png")),
            ("images", ("b.png", png(20, 20), "image/png")),
        ],
    )
    assert answer.status_code == 303 and answer.headers["location"] == "/"
    [article] = articles(alice.get("/").text)
    sources = re.findall(r'<img src="(/media/[^"]+)" alt="([^"]+)"', article)
    assert len(sources) == 2 and all(alt.startswith("Image ") for _, alt in sources)
    served = alice.get(sources[0][0])
    assert served.status_code == 200 and served.headers["content-type"] == "image/png"


def test_five_images_are_refused_and_nothing_is_posted(alice: Browser) -> None:
    files = [("images", (f"{n}.png", png(8, 8), "image/png")) for n in range(5)]
    answer = alice.submit("/tweets", {"text": "too many"}, files=files)
    assert answer.status_code == 422 and 'role="alert"' in answer.text
    assert articles(alice.get("/").text) == []


def test_an_empty_tweet_is_an_alert(alice: Browser) -> None:
    answer = alice.submit("/tweets", {"text": "   "})
    assert answer.status_code == 422 and 'role="alert"' in answer.text


def test_like_retweet_and_delete_through_forms(alice: Browser) -> None:
    alice.submit("/tweets", {"text": "act on me"})
    [tweet_id] = tweet_ids(alice.get("/").text)
    alice.submit(f"/tweets/{tweet_id}/like", {"next": "/"})
    alice.submit(f"/tweets/{tweet_id}/retweet", {"next": "/"})
    page = alice.get(f"/tweets/{tweet_id}").text
    assert ">Unlike</button>" in page and ">Undo retweet</button>" in page
    assert '<span class="count" title="likes">1</span>' in page
    alice.submit(f"/tweets/{tweet_id}/unlike", {"next": "/"})
    alice.submit(f"/tweets/{tweet_id}/unretweet", {"next": "/"})
    page = alice.get(f"/tweets/{tweet_id}").text
    assert ">Like</button>" in page and ">Retweet</button>" in page
    answer = alice.submit(f"/tweets/{tweet_id}/delete", {"next": f"/tweets/{tweet_id}"})
    assert answer.headers["location"] == "/"
    gone = alice.get(f"/tweets/{tweet_id}")
    assert gone.status_code == 404 and 'role="alert"' in gone.text


def test_in_place_acts_answer_just_the_changed_part(alice: Browser) -> None:
    alice.submit("/tweets", {"text": "fragment"})
    [tweet_id] = tweet_ids(alice.get("/").text)
    answer = alice.submit(
        f"/tweets/{tweet_id}/like", {"next": "/"}, headers={"X-Chirp-Fragment": "1"}
    )
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<div class="actions" data-fragment>')
    assert ">Unlike</button>" in answer.text and "<html" not in answer.text
    assert 'name="next" value="/"' in answer.text


def test_someone_elses_tweet_cannot_be_deleted(alice: Browser, bob: Browser) -> None:
    alice.submit("/tweets", {"text": "mine"})
    [tweet_id] = tweet_ids(alice.get("/").text)
    bob.sign_up("bob")
    assert ">Delete</button>" not in bob.get(f"/tweets/{tweet_id}").text
    assert bob.submit(f"/tweets/{tweet_id}/delete").status_code == 403
    assert tweet_ids(alice.get("/").text) == [tweet_id]


def test_follow_fills_the_timeline_and_notifies_once_then_marks_read(
    alice: Browser, bob: Browser
) -> None:
    alice.submit("/tweets", {"text": "from alice"})
    bob.sign_up("bob")
    profile = bob.get("/profiles/alice").text
    assert ">Follow</button>" in profile
    bob.submit("/profiles/alice/follow", {"next": "/profiles/alice"})
    profile = bob.get("/profiles/alice").text
    assert ">Unfollow</button>" in profile and "<strong>1</strong> followers" in profile
    assert "from alice" in bob.get("/").text
    assert "bob" in alice.get("/profiles/alice/followers").text
    assert "alice" in bob.get("/profiles/bob/following").text

    home = alice.get("/").text
    assert 'class="badge"' in home
    first = alice.get("/notifications").text
    assert "followed you" in first and 'class="notification unread"' in first
    second = alice.get("/notifications").text
    assert "followed you" in second and "unread" not in second.split("<main>")[1]
    assert 'class="badge"' not in alice.get("/").text


def test_edit_profile_and_picture(alice: Browser) -> None:
    form = alice.get("/settings/profile").text
    assert 'for="display_name">Display name' in form and 'for="bio">Bio' in form
    assert (
        alice.submit(
            "/settings/profile", {"display_name": "Alice A.", "bio": "hello there"}
        ).headers["location"]
        == "/profiles/alice"
    )
    answer = alice.submit(
        "/settings/picture", files=[("picture", ("me.png", png(120, 90), "image/png"))]
    )
    assert answer.headers["location"] == "/profiles/alice"
    profile = alice.get("/profiles/alice").text
    assert "Alice A." in profile and "hello there" in profile
    assert re.search(
        r'<img class="avatar large" src="/media/[^"]+" alt="Picture of Alice A."', profile
    )
    too_long = alice.submit("/settings/profile", {"display_name": "A", "bio": "x" * 161})
    assert too_long.status_code == 422 and 'role="alert"' in too_long.text


def test_load_more_walks_the_timeline_with_cursors(alice: Browser) -> None:
    for number in range(23):
        alice.submit("/tweets", {"text": f"tweet {number}"})
    first = alice.get("/").text
    assert len(tweet_ids(first)) == 20 and ">Load more</button>" in first
    cursor = re.search(r'name="cursor" value="([^"]+)"', first).group(1)  # type: ignore[union-attr]
    rest = alice.get(f"/?cursor={cursor}", headers={"X-Chirp-Fragment": "1"}).text
    assert "<html" not in rest and len(tweet_ids(rest)) == 3
    assert set(tweet_ids(rest)).isdisjoint(tweet_ids(first))
    assert ">Load more</button>" not in rest


def test_profile_tabs_and_unknown_profile(alice: Browser) -> None:
    alice.submit("/tweets", {"text": "liked by me"})
    [tweet_id] = tweet_ids(alice.get("/").text)
    alice.submit(f"/tweets/{tweet_id}/like")
    for tab in ["", "/with_replies", "/likes"]:
        page = alice.get(f"/profiles/alice{tab}").text
        assert tweet_ids(page) == [tweet_id]
        assert 'aria-current="page">' in page
    missing = alice.get("/profiles/nobody")
    assert missing.status_code == 404 and 'role="alert"' in missing.text


def test_anonymous_readers_see_profiles_and_tweets_without_buttons(
    alice: Browser, bob: Browser
) -> None:
    alice.submit("/tweets", {"text": "public words"})
    [tweet_id] = tweet_ids(alice.get("/").text)
    reader = bob
    page = reader.get(f"/tweets/{tweet_id}").text
    assert "public words" in page and "<button" not in page.split("<main>")[1]
    assert ">Log in</a>" in reader.get("/profiles/alice").text


def test_mentions_and_hashtags_are_links(alice: Browser) -> None:
    alice.submit("/tweets", {"text": "hi @alice see #Python and a@b.com"})
    [article] = articles(alice.get("/").text)
    assert '<a href="/profiles/alice">@alice</a>' in article
    assert '<a href="/hashtags/python">#Python</a>' in article
    assert "a@b.com" in article and 'href="/profiles/b' not in article


def test_a_newcomer_is_offered_people_to_follow(alice: Browser, bob: Browser) -> None:
    alice.submit("/tweets", {"text": "hello"})
    bob.sign_up("bob")
    home = bob.get("/").text
    assert 'aria-label="Who to follow"' in home and 'href="/profiles/alice"' in home
    bob.submit("/profiles/alice/follow")
    assert 'aria-label="Who to follow"' not in bob.get("/").text
