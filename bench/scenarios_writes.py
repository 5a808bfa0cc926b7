"""The write scenarios (issue 10): acts toggled half and half at random subjects, and new
tweets; 16 connections, targets as a share of the limit and a p99 bound."""

from __future__ import annotations

from bench.load import Requests
from bench.scenarios import (
    API,
    WRITE_CONNECTIONS,
    WRITE_P99_MS,
    Context,
    Scenario,
    register,
)

TOGGLE = ["PUT", "DELETE"]


def _write(name: str, title: str, requests: Requests, target: float) -> Scenario:
    return Scenario(
        name,
        title,
        requests,
        target=target,
        writes=True,
        connections=WRITE_CONNECTIONS,
        p99_target_ms=WRITE_P99_MS,
    )


@register("write")
def acts_and_posts(context: Context) -> list[Scenario]:
    subjects, writers = context.subjects, context.sessions.writers
    tweets = subjects.tweet_ids
    # Nobody follows themself (422): the followed are profiles no writer is.
    followed = sorted(set(subjects.usernames) - set(subjects.writers))
    return [
        _write(
            "like",
            "PUT or DELETE /tweets/{id}/like, half each",
            Requests(
                "PUT",
                [f"{API}/tweets/{tweet_id}/like" for tweet_id in tweets],
                tokens=writers,
                count_statuses=True,
                methods=TOGGLE,
            ),
            target=0.25,
        ),
        _write(
            "retweet",
            "PUT or DELETE /tweets/{id}/retweet, half each",
            Requests(
                "PUT",
                [f"{API}/tweets/{tweet_id}/retweet" for tweet_id in tweets],
                tokens=writers,
                count_statuses=True,
                methods=TOGGLE,
            ),
            target=0.25,
        ),
        _write(
            "post",
            "POST /tweets",
            Requests(
                "POST",
                [f"{API}/tweets"],
                tokens=writers,
                body='{"text": "benchmark tweet number %d"}',
                count_statuses=True,
            ),
            target=0.20,
        ),
        _write(
            "follow",
            "PUT or DELETE /profiles/{name}/follow, half each",
            Requests(
                "PUT",
                [f"{API}/profiles/{username}/follow" for username in followed],
                tokens=writers,
                count_statuses=True,
                methods=TOGGLE,
            ),
            target=0.20,
        ),
    ]
