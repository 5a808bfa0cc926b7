"""The whole journey in a real browser, finding elements by the names the pages promise
(labels, button texts, links, `<article>`, `role="alert"`)."""

from __future__ import annotations

import re
from typing import Any

import httpx
from playwright.sync_api import expect

from tests.browser.conftest import People
from tests.support.images import png
from tests.support.servers import Server

PASSWORD = "correct horse battery"


def sign_up(page: Any, username: str) -> None:
    page.goto("/signup")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Email").fill(f"{username}@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Display name").fill(username.capitalize())
    page.get_by_role("button", name="Sign up", exact=True).click()
    expect(page).to_have_url(re.compile(r"/$"))


def button(scope: Any, name: str) -> Any:
    return scope.get_by_role("button", name=name, exact=True)


def test_two_people_meet_talk_and_leave(people: People) -> None:
    alice = people.new()
    sign_up(alice, "alice")
    text = "First chirp with a picture #ChirpLaunch"
    alice.get_by_label("What's happening?").fill(text)
    expect(alice.locator("#compose-count")).to_have_text(str(280 - len(text)))
    alice.get_by_label("Images").set_input_files(
        {"name": "sky.png", "mimeType": "image/png", "buffer": png(80, 60)}
    )
    button(alice, "Post").click()
    posted = alice.get_by_role("article").filter(has_text="First chirp")
    expect(posted).to_have_count(1)
    image = posted.get_by_role("img")
    expect(image).to_have_attribute("alt", re.compile(r"^Image 1 of 1"))
    expect(image).to_have_js_property("naturalWidth", 80)  # the bytes came back

    bob = people.new()
    sign_up(bob, "bob")
    bob.goto("/profiles/alice")
    button(bob, "Follow").click()
    expect(button(bob, "Unfollow")).to_be_visible()
    bob.get_by_role("link", name="Home", exact=True).click()
    tweet = bob.get_by_role("article").filter(has_text="First chirp")
    button(tweet, "Like").click()
    expect(button(tweet, "Unlike")).to_be_visible()
    button(tweet, "Retweet").click()
    expect(button(tweet, "Undo retweet")).to_be_visible()
    tweet.locator("a.when").click()
    bob.get_by_label("Your reply").fill("Welcome, @alice!")
    button(bob, "Reply").click()
    replies = bob.get_by_role("region", name="Replies")
    expect(replies.get_by_role("article").filter(has_text="Welcome")).to_have_count(1)

    alice.reload()
    expect(alice.locator(".badge")).to_have_text("4")
    alice.get_by_role("link", name="Notifications", exact=True).click()
    for sentence in ["followed you", "liked your tweet", "retweeted your tweet", "replied"]:
        expect(alice.locator(".notification.unread").filter(has_text=sentence)).to_have_count(1)
    alice.reload()
    expect(alice.locator(".notification.unread")).to_have_count(0)
    expect(alice.locator(".badge")).to_have_count(0)
    alice.get_by_role("link", name="Profile", exact=True).click()
    alice.get_by_role("article").filter(has_text="First chirp").locator("a.when").click()
    reply = alice.get_by_role("article").filter(has_text="Welcome")
    expect(reply).to_contain_text("Replying to @alice")
    mention = reply.locator("p.text").get_by_role("link", name="@alice")
    expect(mention).to_have_attribute("href", "/profiles/alice")

    bob.get_by_role("link", name="Search", exact=True).click()
    bob.get_by_role("searchbox", name="Search").fill("picture")
    button(bob, "Search").click()
    found = bob.get_by_role("article").filter(has_text="First chirp")
    expect(found).to_have_count(1)
    found.get_by_role("link", name="#ChirpLaunch").click()
    expect(bob).to_have_url(re.compile(r"/hashtags/chirplaunch$"))
    expect(bob.get_by_role("heading", name="#chirplaunch")).to_be_visible()
    expect(bob.get_by_role("article").filter(has_text="First chirp")).to_have_count(1)

    button(bob, "Log out").click()
    expect(bob).to_have_url(re.compile(r"/login$"))
    bob.goto("/notifications")
    expect(bob).to_have_url(re.compile(r"/login\?next=/notifications$"))
    expect(bob.get_by_role("button", name="Log in", exact=True)).to_be_visible()
    assert people.console_errors == []


def test_load_more_and_follow_happen_in_place(people: People, chirp_server: Server) -> None:
    with httpx.Client(base_url=chirp_server.url) as api:
        api.post(
            "/api/v1/auth/signup",
            json={"username": "carol", "email": "carol@example.com", "password": PASSWORD},
        ).raise_for_status()
        token = api.post(
            "/api/v1/auth/login", json={"username": "carol", "password": PASSWORD}
        ).json()["access_token"]
        for number in range(23):
            api.post(
                "/api/v1/tweets",
                json={"text": f"carol's note {number}"},
                headers={"Authorization": f"Bearer {token}"},
            ).raise_for_status()
    dave = people.new()
    sign_up(dave, "dave")
    dave.goto("/profiles/carol")
    dave.evaluate("window.stayedOnThisPage = true")
    button(dave, "Follow").click()
    expect(button(dave, "Unfollow")).to_be_visible()
    expect(dave.get_by_role("article")).to_have_count(20)
    button(dave, "Load more").click()
    expect(dave.get_by_role("article")).to_have_count(23)
    expect(button(dave, "Load more")).to_have_count(0)
    expect(dave.get_by_role("article").last).to_contain_text("carol's note 0")
    # Both happened without leaving the page: the script's flag is still there.
    assert dave.evaluate("window.stayedOnThisPage") is True
    assert people.console_errors == []


def test_mistakes_are_announced_as_alerts(people: People) -> None:
    page = people.new()
    page.goto("/login")
    page.get_by_label("Username").fill("nobody-here")
    page.get_by_label("Password").fill("wrong password")
    button(page, "Log in").click()
    expect(page.get_by_role("alert")).to_contain_text("Wrong username or password")
