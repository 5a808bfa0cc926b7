"""The conversation and discovery reads (issue 12): a hashtag page, a search, the public
timeline, suggestions and a thread (ancestors and replies), with their targets as a
share of the limit."""

from __future__ import annotations

from urllib.parse import quote

from bench.load import Requests
from bench.scenarios import API, Context, Scenario, register
from chirp.seeding.content import TOPICS

# Tweets looked at to find threads: enough replies and answered tweets at every size.
THREAD_PROBES = 400
# Searches people type: a topic's first letters, sometimes with a second word.
SEARCHES = [topic[:4] for topic in TOPICS] + ["coffee morn", "jazz even", "#chirp city"]
TAGS = [*TOPICS, "chirp", "til", "weekend"]


def _threads(context: Context) -> list[str]:
    """Ancestors of replies and replies of answered tweets, among the sampled tweets."""
    paths = []
    for tweet_id in context.subjects.tweet_ids[:THREAD_PROBES]:
        status, tweet = context.server.get(f"{API}/tweets/{tweet_id}")
        if status != 200:
            continue
        if tweet["in_reply_to_id"] is not None:
            paths.append(f"{API}/tweets/{tweet_id}/ancestors")
        if tweet["reply_count"]:
            paths.append(f"{API}/tweets/{tweet_id}/replies")
    if not paths:
        raise RuntimeError("no sampled tweet is part of a thread")
    return paths


@register("read")
def conversation_reads(context: Context) -> list[Scenario]:
    return [
        Scenario(
            "hashtag",
            "GET /hashtags/{tag}/tweets",
            Requests("GET", [f"{API}/hashtags/{tag}/tweets" for tag in TAGS]),
            target=0.25,
        ),
        Scenario(
            "search",
            "GET /search/tweets?q=",
            Requests("GET", [f"{API}/search/tweets?q={quote(q)}" for q in SEARCHES]),
            target=0.10,
        ),
        Scenario(
            "public",
            "GET /timeline/public",
            Requests("GET", [f"{API}/timeline/public"]),
            target=0.25,
        ),
        Scenario(
            "suggestions",
            "GET /me/suggestions",
            Requests("GET", [f"{API}/me/suggestions"], tokens=context.sessions.writers),
            target=0.10,
        ),
        Scenario(
            "thread",
            "GET /tweets/{id}/ancestors and /replies",
            Requests("GET", _threads(context)),
            target=0.25,
        ),
    ]
